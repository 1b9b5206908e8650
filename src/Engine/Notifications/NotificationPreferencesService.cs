using AiPlusTasks.Engine.Audit;
using System.Text.Json;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Each person's own notification settings: language, channels per kind, quiet hours.</summary>
public sealed class NotificationPreferencesService(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time, AuditTrail audit)
{
    private static readonly IReadOnlyList<string> OutsideChannels = [NotificationChannels.Email, NotificationChannels.Sms];

    /// <summary>The caller's settings, defaults filled in.</summary>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    public async Task<NotificationPreferencesView> GetAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("receive notifications");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Resolve(await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == caller.Name, cancellationToken));
    }

    /// <summary>Saves the caller's settings (parts left out keep their value); returns them as now in force.</summary>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    /// <exception cref="RequestValidationException">
    /// Every invalid part, named: <c>language</c>, <c>channels.&lt;kind&gt;</c> (an unknown kind or channel),
    /// <c>quietHours.from</c>, <c>quietHours.to</c> (not <c>HH:mm</c>, or equal).
    /// </exception>
    public async Task<NotificationPreferencesView> SaveAsync(Caller caller, NotificationPreferencesInput input, CancellationToken cancellationToken = default)
    {
        caller.RequirePerson("receive notifications");
        Validate(input);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == caller.Name, cancellationToken);
        var current = Resolve(record);
        var channels = current.Channels.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
        foreach (var (kind, wanted) in input.Channels ?? new Dictionary<string, IReadOnlyList<string>?>())
        {
            channels[kind] = [.. OutsideChannels.Where(c => wanted!.Contains(c))];
        }

        var quiet = input.QuietHours ?? current.QuietHours;
        var before = Settings(current.Language, current.Channels, current.QuietHours);
        if (record is null)
        {
            record = new NotificationPreferenceRecord { UserId = caller.Name, Language = "", Channels = "", QuietFrom = "", QuietTo = "" };
            db.NotificationPreferences.Add(record);
        }

        record.Language = input.Language ?? current.Language;
        record.Channels = JsonSerializer.Serialize(channels);
        record.QuietHoursEnabled = quiet.Enabled;
        record.QuietFrom = quiet.From;
        record.QuietTo = quiet.To;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var saved = Resolve(record);
        await audit.RecordAsync(
            caller, AuditActions.NotificationSettings, caller.Name, $"before: {before}; after: {Settings(saved.Language, saved.Channels, saved.QuietHours)}",
            cancellationToken: CancellationToken.None);
        return saved;
    }

    private static string Settings(string language, IReadOnlyDictionary<string, IReadOnlyList<string>> channels, QuietHours quiet) =>
        $"language {language}, channels {JsonSerializer.Serialize(channels)}, quiet hours {(quiet.Enabled ? $"{quiet.From}–{quiet.To}" : "off")}";

    /// <summary>The settings a stored row (or none) stands for, every kind present.</summary>
    internal static NotificationPreferencesView Resolve(NotificationPreferenceRecord? record)
    {
        var stored = record is null ? null : JsonSerializer.Deserialize<Dictionary<string, List<string>>>(record.Channels);
        var channels = NotificationKinds.All.ToDictionary(
            k => k,
            k => stored is not null && stored.TryGetValue(k, out var chosen) ? (IReadOnlyList<string>)chosen : DefaultChannels(k),
            StringComparer.Ordinal);
        return record is null
            ? new NotificationPreferencesView(NotificationLanguages.Chinese, channels, QuietHours.Default)
            : new NotificationPreferencesView(record.Language, channels, new QuietHours(record.QuietHoursEnabled, record.QuietFrom, record.QuietTo));
    }

    /// <summary>E-mail for every kind; SMS as well from 催办 up.</summary>
    private static IReadOnlyList<string> DefaultChannels(string kind) =>
        kind is NotificationKinds.Urge or NotificationKinds.Notice or NotificationKinds.Interview or NotificationKinds.Circular
            ? OutsideChannels
            : [NotificationChannels.Email];

    private static void Validate(NotificationPreferencesInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Language is not null && !NotificationLanguages.All.Contains(input.Language))
        {
            errors["language"] = [$"language must be one of {string.Join(", ", NotificationLanguages.All)}"];
        }

        foreach (var (kind, wanted) in input.Channels ?? new Dictionary<string, IReadOnlyList<string>?>())
        {
            if (!NotificationKinds.All.Contains(kind))
            {
                errors[$"channels.{kind}"] = [$"'{kind}' is not a kind of notification; kinds: {string.Join(", ", NotificationKinds.All)}"];
            }
            else if (wanted is null)
            {
                errors[$"channels.{kind}"] = ["give a list of channels (an empty list for in-app only)"];
            }
            else if (wanted.FirstOrDefault(c => !OutsideChannels.Contains(c)) is { } unknown)
            {
                errors[$"channels.{kind}"] = [unknown == NotificationChannels.InApp
                    ? "in-app notifications are always on; list only email and sms"
                    : $"'{unknown}' is not a channel; channels: {string.Join(", ", OutsideChannels)}"];
            }
        }

        if (input.QuietHours is { } quiet)
        {
            var fromValid = QuietHours.TryParseTime(quiet.From, out var from);
            var toValid = QuietHours.TryParseTime(quiet.To, out var to);
            if (!fromValid)
            {
                errors["quietHours.from"] = ["give the start of quiet hours as HH:mm, e.g. 22:00"];
            }

            if (!toValid)
            {
                errors["quietHours.to"] = ["give the end of quiet hours as HH:mm, e.g. 08:00"];
            }
            else if (fromValid && from == to)
            {
                errors["quietHours.to"] = ["quiet hours must end at another time than they start"];
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}

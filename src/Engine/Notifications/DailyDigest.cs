using System.Globalization;
using System.Text;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// 每日待办: on a working day, each person with open work gets one digest of their tasks due within
/// <see cref="DueSoonWorkingDays"/> working days, overdue, or returned (the same people a task's notifications go to).
/// Run by <see cref="DailyDigestJob"/> at 09:00 China time; idempotent per person and day (the digest's event id is
/// <c>digest:yyyy-MM-dd</c>), so a second run of the same day adds nothing.
/// </summary>
public sealed class DailyDigest(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkingCalendar calendar,
    NotificationTemplates templates,
    DisplayNames names,
    SmsText smsText,
    NotificationSignal inAppSignal,
    NotificationDeliverySignal deliverySignal,
    TimeProvider time,
    IOptions<EngineOptions> engineOptions,
    IOptions<NotificationOptions> options,
    ILogger<DailyDigest> logger)
{
    /// <summary>A task due within this many working days (today counted) is "due soon".</summary>
    public const int DueSoonWorkingDays = 3;

    private const int MaxItems = 20;

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);

    /// <summary>The event id of a day's digests.</summary>
    public static string EventId(DateOnly day) => "digest:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Writes the day's digests; returns how many people got one (0 on a non-working day: none is sent then).</summary>
    /// <param name="day">The day, in the engine's time zone.</param>
    /// <param name="cancellationToken">Stops the run; nothing is written then.</param>
    public async Task<int> RunAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var workingDays = calendar.Current;
        if (!workingDays.IsWorkingDay(day))
        {
            logger.LogInformation("No daily digest on {Day}: not a working day", day);
            return 0;
        }

        var now = time.GetUtcNow();
        var dueSoonBy = new DateTimeOffset(workingDays.AddWorkingDays(day, DueSoonWorkingDays - 1).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            - _zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue));
        var overrides = await templates.LoadOverridesAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = (await db.Tasks.AsNoTracking()
            .Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && (t.ReturnCount > 0 || t.DueAt != null))
            .ToListAsync(cancellationToken))
            .Where(t => t.ReturnCount > 0 || t.DueAt < dueSoonBy)
            .OrderBy(t => t.DueAt)
            .ToList();
        var agencies = tasks.Select(t => t.AgencyCode).Distinct().ToList();
        var named = tasks.SelectMany(t => new[] { t.AssigneeUser, t.ClaimedBy }).OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => u.DisabledAt == null && (agencies.Contains(u.AgencyCode) || named.Contains(u.Id))).ToListAsync(cancellationToken);
        var byId = users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var work = tasks
            .SelectMany(t => NotificationRecipients.Of(t, NotificationKinds.Digest, users, byId).Select(u => (User: u, Task: t)))
            .GroupBy(x => x.User.Id)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Task).DistinctBy(t => t.Id).ToList());

        var eventId = EventId(day);
        var already = (await db.Notifications.AsNoTracking().Where(n => n.EventId == eventId).Select(n => n.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var userIds = work.Keys.ToList();
        var preferences = (await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToListAsync(cancellationToken))
            .ToDictionary(p => p.UserId, NotificationPreferencesService.Resolve, StringComparer.Ordinal);
        var writer = new NotificationWriter(overrides, names, smsText, _zone, options.Value.PublicBaseUrl);
        var told = new List<string>();
        foreach (var (userId, own) in work.Where(w => !already.Contains(w.Key)))
        {
            writer.Add(db, byId[userId], preferences.GetValueOrDefault(userId) ?? NotificationPreferencesService.Resolve(null), NotificationKinds.Digest, eventId, null, "/inbox",
                language => new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    ["count"] = own.Count.ToString(CultureInfo.InvariantCulture),
                    ["items"] = Items(own, language, writer, now),
                    ["link"] = writer.Absolute("/inbox"),
                },
                now);
            told.Add(userId);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (told.Count > 0)
        {
            inAppSignal.Raise(told);
            deliverySignal.Notify();
        }

        logger.LogInformation("Daily digest of {Day}: {Count} people", day, told.Count);
        return told.Count;
    }

    /// <summary>One line per task: title, and why it is listed (overdue, returned, due).</summary>
    private static string Items(List<TaskRecord> tasks, string language, NotificationWriter writer, DateTimeOffset now)
    {
        var english = language == NotificationLanguages.English;
        var text = new StringBuilder();
        foreach (var task in tasks.Take(MaxItems))
        {
            var title = english ? task.TitleEn ?? task.Title : task.Title;
            var why = task.ReturnCount > 0 ? (english ? "returned" : "被退回")
                : task.DueAt < now ? (english ? $"overdue since {writer.FormatDue(task.DueAt, language)}" : $"已逾期，截止 {writer.FormatDue(task.DueAt, language)}")
                : english ? $"due {writer.FormatDue(task.DueAt, language)}" : $"{writer.FormatDue(task.DueAt, language)} 到期";
            text.Append("· ").Append(title).Append(english ? " (" : "（").Append(why).Append(english ? ")" : "）").Append('\n');
        }

        if (tasks.Count > MaxItems)
        {
            text.Append(english ? $"… and {tasks.Count - MaxItems} more" : $"……另有 {tasks.Count - MaxItems} 项");
        }

        return text.ToString().TrimEnd();
    }
}

using System.Globalization;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Writes one notification for one person, rendered in their language from the templates in force, and a delivery
/// per channel out of the product they want for its kind: held until their quiet hours end (except
/// <see cref="NotificationKinds.IgnoresQuietHours"/>), failed at once when they have no address for the channel. Used
/// by the fan-out and the daily digest, inside their transaction; one writer per round (it holds the round's templates).
/// </summary>
internal sealed class NotificationWriter(
    IReadOnlyDictionary<(string Kind, string Channel, string Language), NotificationTemplateRecord> overrides,
    DisplayNames names,
    SmsText smsText,
    TimeZoneInfo zone,
    string publicBaseUrl)
{
    /// <summary>The link of a task's notification inside the product.</summary>
    public static string TaskLink(string taskId) => $"/tasks/{Uri.EscapeDataString(taskId)}";

    /// <summary>The culture of a notification language (for names from the directory).</summary>
    public static CultureInfo Culture(string language) => CultureInfo.GetCultureInfo(language == NotificationLanguages.English ? "en" : "zh-CN");

    /// <summary>The values every task's notification has: title, agency, due, link (absolute; empty in-app: the notification itself links).</summary>
    public Dictionary<string, string?> TaskValues(TaskRecord task, string language) => new(StringComparer.Ordinal)
    {
        ["title"] = language == NotificationLanguages.English ? task.TitleEn ?? task.Title : task.Title,
        ["agency"] = names.Agency(task.AgencyCode, Culture(language)),
        ["due"] = FormatDue(task.DueAt, language),
        ["link"] = publicBaseUrl.TrimEnd('/') + TaskLink(task.Id),
    };

    /// <summary>A time as people read it in the engine's time zone: 2026年12月31日 18:00 / 2026-12-31 18:00.</summary>
    public string FormatDue(DateTimeOffset? due, string language)
    {
        if (due is null)
        {
            return language == NotificationLanguages.English ? "(no due date)" : "（未设期限）";
        }

        var local = TimeZoneInfo.ConvertTime(due.Value, zone);
        return language == NotificationLanguages.English
            ? local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The absolute address of a page of the product.</summary>
    public string Absolute(string path) => publicBaseUrl.TrimEnd('/') + path;

    /// <summary>Adds the notification and its deliveries to <paramref name="db"/>; returns the notification.</summary>
    /// <param name="db">The round's context; the caller saves.</param>
    /// <param name="user">The recipient (enabled).</param>
    /// <param name="preferences">The recipient's settings.</param>
    /// <param name="kind">One of <see cref="NotificationKinds"/>.</param>
    /// <param name="eventId">The outbox event's id (or the digest's <c>digest:yyyy-MM-dd</c>).</param>
    /// <param name="task">The task it is about; null for a digest.</param>
    /// <param name="link">Where it leads inside the product.</param>
    /// <param name="valuesFor">The placeholders' values in a language.</param>
    /// <param name="now">The time of the round.</param>
    public NotificationRecord Add(
        WorkflowDbContext db,
        UserRecord user,
        NotificationPreferencesView preferences,
        string kind,
        string eventId,
        TaskRecord? task,
        string link,
        Func<string, Dictionary<string, string?>> valuesFor,
        DateTimeOffset now)
    {
        var language = preferences.Language;
        var values = valuesFor(language);
        var inApp = NotificationTemplates.View(kind, NotificationChannels.InApp, language, overrides.GetValueOrDefault((kind, NotificationChannels.InApp, language)));
        var inAppValues = new Dictionary<string, string?>(values, StringComparer.Ordinal) { ["link"] = "" };
        var notification = new NotificationRecord
        {
            UserId = user.Id,
            Kind = kind,
            TaskId = task?.Id,
            InstanceId = task?.InstanceId,
            EventId = eventId,
            Title = Cut(NotificationText.Render(inApp.Subject ?? "", inAppValues), 500),
            Body = Cut(NotificationText.Render(inApp.Body, inAppValues).Trim(), 8000),
            Link = link,
            CreatedAt = now,
        };
        db.Notifications.Add(notification);

        var quietUntil = NotificationKinds.IgnoresQuietHours(kind) ? null : preferences.QuietHours.EndIfInside(now, zone);
        foreach (var channel in preferences.Channels[kind])
        {
            var template = NotificationTemplates.View(kind, channel, language, overrides.GetValueOrDefault((kind, channel, language)));
            var body = NotificationText.Render(template.Body, values).Trim();
            var address = channel == NotificationChannels.Email ? user.Email : user.PhoneNumber;
            db.NotificationDeliveries.Add(new NotificationDeliveryRecord
            {
                Notification = notification,
                UserId = user.Id,
                Channel = channel,
                Kind = kind,
                State = string.IsNullOrWhiteSpace(address) ? NotificationDeliveryState.Failed : quietUntil is null ? NotificationDeliveryState.Pending : NotificationDeliveryState.Held,
                MessageId = Guid.NewGuid().ToString("N"),
                MaskedAddress = string.IsNullOrWhiteSpace(address) ? null : channel == NotificationChannels.Email ? ContactDetails.MaskEmail(address) : ContactDetails.MaskMobile(address),
                Language = language,
                Subject = template.Subject is null ? null : Cut(NotificationText.Render(template.Subject, values), 500),
                Body = channel == NotificationChannels.Sms ? smsText.Fit(body) : Cut(body, 8000),
                NextAttemptAt = quietUntil ?? now,
                LastError = string.IsNullOrWhiteSpace(address) ? $"the user has no {(channel == NotificationChannels.Email ? "e-mail address" : "mobile number")}" : null,
                CreatedAt = now,
            });
        }

        return notification;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

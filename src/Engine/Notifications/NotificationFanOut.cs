using System.Text.Json.Nodes;
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
/// Turns committed task events into notifications (docs/decisions/023). Each round takes the outbox rows not yet
/// notified, oldest first, writes each one's notifications (one per recipient, with a delivery per channel the
/// recipient wants) and marks the rows notified, all in one transaction: every event becomes its notifications
/// exactly once, and the burst that wrote the event read nothing for it. One node at a time fans out (an advisory lock
/// on PostgreSQL); the unique index (event, user) is the second guard.
/// </summary>
/// <remarks>
/// Events and kinds: <c>task.created</c> → issued (returned when the task is the rework of returned work, with the
/// reason); <c>task.escalated</c> with a ladder action → reminder, urge, notice, interview, circular;
/// <c>task.urged</c> → urge with the supervisor's message; <c>task.approved</c> → approved, to whoever submitted the
/// work (the last person to complete a step of the instance with the outcome <c>Submitted</c>). Recipients of a task's
/// notification: the user it names, else whoever claimed it, else the enabled users of its agency with its role (staff
/// by default); interview and circular also reach the agency's leads. Disabled users get nothing.
/// </remarks>
internal sealed class NotificationFanOut(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    NotificationTemplates templates,
    DisplayNames names,
    SmsText smsText,
    NotificationSignal inAppSignal,
    NotificationDeliverySignal deliverySignal,
    NotificationFanOutSignal signal,
    TimeProvider time,
    IOptions<EngineOptions> engineOptions,
    IOptions<NotificationOptions> options,
    ILogger<NotificationFanOut> logger) : SignalledLoop(signal, logger)
{
    private const int Batch = 500;

    private static readonly HashSet<string> TaskEventTypes =
        [OutboxEventTypes.TaskCreated, OutboxEventTypes.TaskEscalated, OutboxEventTypes.TaskUrged, OutboxEventTypes.TaskApproved];

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        var overrides = await templates.LoadOverridesAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await SharedWork.BeginLockingTransactionAsync(db, cancellationToken);
        if (!await SharedWork.TryLockForTransactionAsync(db, SharedLock.NotificationFanOut, cancellationToken))
        {
            // Another node is fanning out.
            return false;
        }

        var events = await db.Outbox.Where(o => o.NotifiedAt == null).OrderBy(o => o.Position).Take(Batch).ToListAsync(cancellationToken);
        if (events.Count == 0)
        {
            return false;
        }

        var now = time.GetUtcNow();
        var writer = new NotificationWriter(overrides, names, smsText, _zone, options.Value.PublicBaseUrl);
        var notified = await WriteNotificationsAsync(db, writer, [.. events.Where(e => TaskEventTypes.Contains(e.Type))], now, cancellationToken);
        foreach (var outboxEvent in events)
        {
            outboxEvent.NotifiedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        if (notified.Count > 0)
        {
            inAppSignal.Raise(notified);
            deliverySignal.Notify();
        }

        return events.Count == Batch;
    }

    /// <summary>Adds the notifications of the task events to <paramref name="db"/>; returns who was notified.</summary>
    private static async Task<List<string>> WriteNotificationsAsync(WorkflowDbContext db, NotificationWriter writer, List<OutboxRecord> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var parsed = events.Select(e => (Event: e, Data: JsonNode.Parse(e.Payload)?["data"] as JsonObject)).Where(e => e.Data?["taskId"] is not null).ToList();
        var taskIds = parsed.Select(e => e.Data!["taskId"]!.GetValue<string>()).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var submitters = await SubmittersAsync(db, parsed.Where(e => e.Event.Type == OutboxEventTypes.TaskApproved).Select(e => e.Event.InstanceId).OfType<string>().Distinct().ToList(), cancellationToken);
        var agencies = tasks.Values.Select(t => t.AgencyCode).Distinct().ToList();
        var named = tasks.Values.SelectMany(t => new[] { t.AssigneeUser, t.ClaimedBy }).Concat(submitters.SelectMany(s => s.Value.Select(v => v.By))).OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => agencies.Contains(u.AgencyCode) || named.Contains(u.Id)).ToListAsync(cancellationToken);
        var byId = users.ToDictionary(u => u.Id, StringComparer.Ordinal);
        var userIds = users.Select(u => u.Id).ToList();
        var preferences = (await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToListAsync(cancellationToken))
            .ToDictionary(p => p.UserId, NotificationPreferencesService.Resolve, StringComparer.Ordinal);

        var notified = new List<string>();
        foreach (var (outboxEvent, data) in parsed)
        {
            if (!tasks.TryGetValue(data!["taskId"]!.GetValue<string>(), out var task) || Classify(outboxEvent.Type, task, data) is not { } kind)
            {
                continue;
            }

            var recipients = kind == NotificationKinds.Approved
                ? Submitter(submitters, task, outboxEvent.CreatedAt, byId)
                : NotificationRecipients.Of(task, kind, users, byId);
            var extra = ExtraValues(kind, task, data);
            foreach (var user in recipients.Where(u => u.DisabledAt is null).DistinctBy(u => u.Id))
            {
                var userPreferences = preferences.GetValueOrDefault(user.Id) ?? NotificationPreferencesService.Resolve(null);
                writer.Add(db, user, userPreferences, kind, outboxEvent.Id, task, NotificationWriter.TaskLink(task.Id), language =>
                {
                    var values = writer.TaskValues(task, language);
                    foreach (var (name, value) in extra)
                    {
                        values[name] = value;
                    }

                    return values;
                }, now);
                notified.Add(user.Id);
            }
        }

        return notified;
    }

    /// <summary>The kind of notification an event makes; null when it makes none.</summary>
    private static string? Classify(string type, TaskRecord task, JsonObject data) => type switch
    {
        OutboxEventTypes.TaskCreated => task.ReturnCount > 0 ? NotificationKinds.Returned : NotificationKinds.Issued,
        OutboxEventTypes.TaskUrged => NotificationKinds.Urge,
        OutboxEventTypes.TaskApproved => NotificationKinds.Approved,
        OutboxEventTypes.TaskEscalated when data["action"]?.GetValue<string>() is { } action && EscalationStep.Actions.Contains(action) => action,
        _ => null,
    };

    /// <summary>The values beyond the task's own: the return's reason, the 催办's message, the escalation's reason.</summary>
    private static Dictionary<string, string?> ExtraValues(string kind, TaskRecord task, JsonObject data) => kind switch
    {
        NotificationKinds.Returned => new() { ["reason"] = task.ReturnReason },
        NotificationKinds.Urge => new() { ["message"] = data["message"]?.GetValue<string>(), ["reason"] = data["reason"]?.GetValue<string>() },
        _ => new() { ["reason"] = data["reason"]?.GetValue<string>() },
    };

    /// <summary>Who submitted the work an approval approves: the last to complete a step of the instance as <c>Submitted</c> before it.</summary>
    private static IEnumerable<UserRecord> Submitter(Dictionary<string, List<(string By, DateTimeOffset At)>> submitters, TaskRecord task, DateTimeOffset approvedAt, Dictionary<string, UserRecord> byId)
    {
        var submitted = submitters.GetValueOrDefault(task.InstanceId)?.Where(s => s.At <= approvedAt).OrderByDescending(s => s.At).FirstOrDefault();
        return submitted is { By: { } by } && byId.TryGetValue(by, out var user) ? [user] : [];
    }

    /// <summary>Per instance, who completed a step with the outcome <c>Submitted</c>, and when.</summary>
    private static async Task<Dictionary<string, List<(string By, DateTimeOffset At)>>> SubmittersAsync(WorkflowDbContext db, List<string> instanceIds, CancellationToken cancellationToken)
    {
        if (instanceIds.Count == 0)
        {
            return [];
        }

        var rows = await db.Tasks.AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.Outcome == "Submitted" && t.CompletedBy != null && t.CompletedAt != null)
            .Select(t => new { t.InstanceId, t.CompletedBy, t.CompletedAt })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.InstanceId).ToDictionary(g => g.Key, g => g.Select(r => (r.CompletedBy!, r.CompletedAt!.Value)).ToList());
    }
}

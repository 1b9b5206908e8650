using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Retention;

/// <summary>Retention with a fake clock: what is past its limit goes, what is younger or still needed stays.</summary>
public sealed class RetentionTests : EngineTest
{
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller NdrcAdmin = new("ndrc.admin", "ndrc", new HashSet<string> { Roles.NdrcAdministrator });
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });

    private readonly string _archive = Path.Combine(Path.GetTempPath(), $"aiplustasks-archive-{Guid.NewGuid():N}");

    private RetentionService Retention => Engine.Services.GetRequiredService<RetentionService>();

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    internal override Task<EngineHost> StartEngineAsync() => EngineHost.StartAsync(settings: Settings(_archive));

    /// <summary>Short limits, batches of one (every kind takes several transactions), no schedule (the tests run it themselves).</summary>
    internal static Dictionary<string, string?> Settings(string archive) => new()
    {
        ["Retention:Enabled"] = "false",
        ["Retention:BatchSize"] = "1",
        ["Retention:ArchiveFolder"] = archive,
        ["Retention:Outbox:KeepFor"] = "7.00:00:00",
        ["Retention:WebhookDeliveries:KeepFor"] = "30.00:00:00",
        ["Retention:IdempotencyKeys:KeepFor"] = "1.00:00:00",
        ["Retention:Notifications:KeepFor"] = "90.00:00:00",
        ["Retention:Notifications:KeepUnreadFor"] = "365.00:00:00",
        ["Retention:Instances:KeepFor"] = "1.00:00:00",
    };

    [Fact]
    public async Task RunAsync_OutboxDeliveriesKeysAndNotifications_PrunesOnlyThosePastTheirLimitsAndNoLongerNeeded()
    {
        // Arrange
        var now = Engine.Time.GetUtcNow();
        var days = (int d) => now - TimeSpan.FromDays(d);
        await using (var db = await DbAsync())
        {
            db.Outbox.AddRange(
                Outbox("old-done", days(10), dispatched: days(10), notified: days(10)),
                Outbox("young-done", days(3), dispatched: days(3), notified: days(3)),
                Outbox("old-undispatched", days(10), dispatched: null, notified: days(10)),
                Outbox("old-unnotified", days(10), dispatched: days(10), notified: null));
            db.WebhookSubscriptions.Add(Subscription(days(100)));
            db.WebhookDeliveries.AddRange(
                Delivery("old-delivered", WebhookDeliveryState.Delivered, days(40), delivered: days(40)),
                Delivery("old-given-up", WebhookDeliveryState.Failed, days(40), lastAttempt: days(35)),
                Delivery("young-delivered", WebhookDeliveryState.Delivered, days(5), delivered: days(5)),
                Delivery("old-still-retrying", WebhookDeliveryState.Pending, days(40), lastAttempt: days(40)));
            db.IdempotencyKeys.AddRange(Key("expired-long-ago", days(3)), Key("expired-recently", now - TimeSpan.FromHours(30)), Key("live", now - TimeSpan.FromHours(2)));
            db.Notifications.AddRange(
                Notification("read-old", days(100), read: days(95)),
                Notification("read-recently", days(100), read: days(10)),
                Notification("unread", days(200), read: null),
                Notification("unread-ancient", days(400), read: null),
                Notification("read-old-sms-waiting", days(100), read: days(95)));
            await db.SaveChangesAsync();
            var waiting = await db.Notifications.SingleAsync(n => n.EventId == "read-old-sms-waiting");
            var sent = await db.Notifications.SingleAsync(n => n.EventId == "read-old");
            db.NotificationDeliveries.AddRange(Sms(waiting.Id, NotificationDeliveryState.Held, days(100)), Sms(sent.Id, NotificationDeliveryState.Sent, days(100)));
            await db.SaveChangesAsync();
        }

        // Act
        var report = await Retention.RunAsync(NdrcAdmin);

        // Assert
        Assert.Equal((1, 2, 1, 2), (report.OutboxEvents, report.WebhookDeliveries, report.IdempotencyRecords, report.Notifications));
        await using var after = await DbAsync();
        Assert.Equal(["old-undispatched", "old-unnotified", "young-done"], (await after.Outbox.Select(o => o.Id).ToListAsync()).Order());
        Assert.Equal(["old-still-retrying", "young-delivered"], (await after.WebhookDeliveries.Select(d => d.EventId).ToListAsync()).Order());
        Assert.Equal(["expired-recently", "live"], (await after.IdempotencyKeys.Select(k => k.Key).ToListAsync()).Order());
        Assert.Equal(["read-old-sms-waiting", "read-recently", "unread"], (await after.Notifications.Select(n => n.EventId).ToListAsync()).Order());
        var delivery = Assert.Single(await after.NotificationDeliveries.ToListAsync());
        Assert.Equal(NotificationDeliveryState.Held, delivery.State);
        var audit = Assert.Single(await Engine.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: "retention.run")));
        Assert.Equal("ndrc.admin", audit.Actor);
    }

    [Fact]
    public async Task RunAsync_FinishedInstancesPastTheLimit_ArchivedWithJournalAndTasksThenGone()
    {
        // Arrange: two to archive, and one of each kind still needed or too young.
        await Engine.PublishAsync(Definition(
            "report",
            [A("report", "AiPlus.HumanTask", ("title", Lit("进度报告")), ("assigneeAgency", Lit("guangdong")), ("outcomes", Lit("Submitted"))), WriteLineJs("submitted", "'progress ' + getLastResult().data.progress")],
            ["report:Submitted->submitted"]));
        var waiting = await StartAsync();
        var (archived1, task1) = await FinishedAsync();
        var (archived2, _) = await FinishedAsync();
        var (childOfWaiting, _) = await FinishedAsync();
        var (withOpenTask, openTask) = await FinishedAsync();
        await using (var db = await DbAsync())
        {
            await db.Instances.Where(i => i.Id == childOfWaiting).ExecuteUpdateAsync(s => s.SetProperty(i => i.ParentInstanceId, waiting.Id));
            await db.Tasks.Where(t => t.Id == openTask).ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskState.Open));
        }

        Engine.Time.Advance(TimeSpan.FromDays(2));
        var (young, _) = await FinishedAsync();

        // Act
        var report = await Retention.RunAsync(NdrcAdmin);

        // Assert
        Assert.Equal(2, report.ArchivedInstances);
        Assert.NotNull(report.ArchiveFile);
        var gone = await Assert.ThrowsAsync<GoneException>(() => Engine.Runtime.GetAsync(NdrcPlanner, archived1));
        Assert.Contains(report.ArchiveFile, gone.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<GoneException>(() => Engine.Runtime.GetJournalAsync(NdrcPlanner, archived2, 1, 50));
        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Runtime.GetAsync(NdrcPlanner, "never-existed"));
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.GetAsync(GuangdongStaff, task1));
        foreach (var kept in new[] { waiting.Id, childOfWaiting, withOpenTask, young })
        {
            Assert.NotNull(await Engine.Runtime.GetAsync(NdrcPlanner, kept));
        }

        await using (var db = await DbAsync())
        {
            Assert.False(await db.Journal.AnyAsync(j => j.InstanceId == archived1 || j.InstanceId == archived2));
            Assert.False(await db.Tasks.AnyAsync(t => t.InstanceId == archived1 || t.InstanceId == archived2));
        }

        var lines = await ReadArchiveAsync(Path.Combine(_archive, report.ArchiveFile));
        Assert.Equal(new[] { archived1, archived2 }.Order(), lines.Select(l => l["instance"]!["id"]!.GetValue<string>()).Order());
        var line = lines.Single(l => l["instance"]!["id"]!.GetValue<string>() == archived1);
        Assert.Equal("Finished", line["instance"]!["status"]!.GetValue<string>());
        Assert.IsType<JsonObject>(line["instance"]!["state"]);
        Assert.Contains(line["journal"]!.AsArray(), e => e!["activityId"]!.GetValue<string>() == "submitted" && e["message"]?.GetValue<string>() == "progress 70");
        var task = Assert.Single(line["tasks"]!.AsArray());
        Assert.Equal(task1, task!["id"]!.GetValue<string>());
        Assert.Equal("Completed", task["state"]!.GetValue<string>());
        Assert.Contains(task["events"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "Completed" && e["actor"]!.GetValue<string>() == "guangdong.staff");

        // A second run finds nothing more to do.
        var again = await Retention.RunAsync(NdrcAdmin);
        Assert.Equal((0, null), (again.ArchivedInstances, again.ArchiveFile));
    }

    [Fact]
    public async Task RunAsync_NotAnAdministrator_Forbidden()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => Retention.RunAsync(NdrcPlanner));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (System.IO.Directory.Exists(_archive))
        {
            System.IO.Directory.Delete(_archive, recursive: true);
        }
    }

    internal static async Task<List<JsonObject>> ReadArchiveAsync(string path)
    {
        var lines = new List<JsonObject>();
        await foreach (var line in InstanceArchive.ReadAsync(path))
        {
            lines.Add(line);
        }

        return lines;
    }

    private async Task<WorkflowDbContext> DbAsync() =>
        await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    private Task<InstanceView> StartAsync() => Engine.Runtime.StartAsync(new StartWorkflowRequest("report", new JsonObject()));

    private async Task<(string Instance, string Task)> FinishedAsync()
    {
        var instance = await StartAsync();
        var task = instance.Bookmarks.Single(b => b.Kind == "HumanTask").Key!;
        await Tasks.CompleteAsync(GuangdongStaff, task, "Submitted", new JsonObject { ["progress"] = 70 });
        await Engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);
        return (instance.Id, task);
    }

    internal static OutboxRecord Outbox(string id, DateTimeOffset created, DateTimeOffset? dispatched, DateTimeOffset? notified) => new()
    {
        Id = id, Type = "task.created", Payload = "{}", CreatedAt = created, DispatchedAt = dispatched, NotifiedAt = notified,
    };

    /// <summary>A subscription that is off, so the dispatcher leaves its deliveries alone.</summary>
    internal static WebhookSubscriptionRecord Subscription(DateTimeOffset created) => new()
    {
        Id = "whs_retention", AgencyCode = "guangdong", Url = "https://example.invalid/hook", EventTypes = "*", Secret = "x",
        Active = false, CreatedBy = "guangdong.lead", CreatedAt = created,
    };

    internal static WebhookDeliveryRecord Delivery(string eventId, WebhookDeliveryState state, DateTimeOffset created, DateTimeOffset? delivered = null, DateTimeOffset? lastAttempt = null) => new()
    {
        SubscriptionId = "whs_retention", EventId = eventId, EventType = "task.created", Payload = "{}", State = state, Attempts = 1,
        CreatedAt = created, NextAttemptAt = state == WebhookDeliveryState.Pending ? created.AddYears(1) : created, DeliveredAt = delivered,
        FirstAttemptAt = lastAttempt ?? delivered, LastAttemptAt = lastAttempt ?? delivered,
    };

    private static IdempotencyRecord Key(string key, DateTimeOffset created) => new()
    {
        AgencyCode = "guangdong", CallerName = "guangdong.system", Key = key, Method = "POST", Path = "/api/tasks/x/complete", RequestHash = new byte[32],
        CreatedAt = created, StartedAt = created, StatusCode = 200, CompletedAt = created,
    };

    private static NotificationRecord Notification(string eventId, DateTimeOffset created, DateTimeOffset? read) => new()
    {
        UserId = "guangdong.staff", Kind = NotificationKinds.Issued, EventId = eventId, Title = "任务", Body = "任务", CreatedAt = created, ReadAt = read,
    };

    private static NotificationDeliveryRecord Sms(long notification, NotificationDeliveryState state, DateTimeOffset created) => new()
    {
        NotificationId = notification, UserId = "guangdong.staff", Channel = NotificationChannels.Sms, Kind = NotificationKinds.Issued, State = state,
        MessageId = $"retention-{notification}", Language = "zh", Body = "任务", CreatedAt = created, NextAttemptAt = created.AddYears(1),
    };
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Bulk;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Engine.Versions;
using AiPlusTasks.Tests.Shared;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Versions;

/// <summary>
/// Moving running instances to another published version (docs/decisions/031): what waits keeps waiting in its place,
/// tasks keep their ids, timers fire once into the new version, nothing done runs again, and what cannot move is refused.
/// </summary>
public sealed class InstanceMigrationTests : EngineTest
{
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });
    private static readonly Caller NdrcSupervisor = new("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Dictionary<string, string?> Identity = [];

    private InstanceMigrator Migrator => Engine.Services.GetRequiredService<InstanceMigrator>();

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    private static JsonObject Report() => A(
        "report",
        "AiPlus.HumanTask",
        ("title", Lit("进度报告")),
        ("assigneeAgency", Lit("guangdong")),
        ("outcomes", Lit("Submitted")),
        ("dueAt", Lit("P10D")),
        ("escalation", Lit("default")));

    /// <summary>Version 1: a human task, then "next"; version 2 renames the step after the task to "publish".</summary>
    private async Task<string> PublishRenamedNextStepAsync()
    {
        var id = "renamed-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(id, [Report(), WriteLine("next", "old next step")], ["report:Submitted->next"]));
        return id;
    }

    private async Task PublishVersionTwoAsync(string id) =>
        await Engine.PublishAsync(Definition(id, [Report(), WriteLine("publish", "renamed next step")], ["report:Submitted->publish"]));

    private async Task<List<(string Type, JsonNode Data)>> EventsAsync(string type)
    {
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Type == type).OrderBy(o => o.Position).ToListAsync();
        return [.. rows.Select(o => (o.Type, JsonNode.Parse(o.Payload)!["data"]!))];
    }

    [Fact]
    public async Task WaitingInHumanTask_MigratedToVersionThatRenamedTheNextStep_RunsTheRenamedStepOnly()
    {
        // Arrange: two instances wait in the task on version 1; version 2 renames the step after it.
        var id = await PublishRenamedNextStepAsync();
        var first = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        var second = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        var taskId = Assert.Single(first.Bookmarks, b => b.Kind == BookmarkKinds.HumanTask).Key!;
        var before = await Tasks.GetAsync(GuangdongStaff, taskId);
        await PublishVersionTwoAsync(id);

        // Preview: both can move with the identity mapping (the task keeps its id; "next" held nothing).
        var preview = await Migrator.PreviewAsync(NdrcPlanner, new MigrationPreviewRequest(id, 2, null, Identity));
        Assert.Equal(
            new[] { (first.Id, 1, true), (second.Id, 1, true) }.Order(),
            preview.Select(p => (p.InstanceId, p.FromVersion, p.CanMove)).Order());

        // Act
        var moved = await Migrator.MigrateAsync(NdrcPlanner, first.Id, 2, Identity);

        // Assert: on version 2, still waiting on the same bookmarks; the task keeps its id, inbox entry and history.
        Assert.Equal((2, WorkflowStatus.Suspended), (moved.DefinitionVersion, moved.Status));
        Assert.Equal(first.Bookmarks.Select(b => (b.Id, b.Kind, b.ActivityId, b.ResumeAt)), moved.Bookmarks.Select(b => (b.Id, b.Kind, b.ActivityId, b.ResumeAt)));
        var after = await Tasks.GetAsync(GuangdongStaff, taskId);
        Assert.Equal(before.History.Select(h => (h.Action, h.At)), after.History.Select(h => (h.Action, h.At)));
        Assert.Contains((await Tasks.ListAsync(GuangdongStaff, new TaskQuery(TaskViews.Open))).Items, t => t.Id == taskId);

        // The journal and the outbox say who moved it from where to where.
        var journal = (await Engine.Runtime.GetJournalAsync(first.Id, 1, 100)).Items;
        var migrated = Assert.Single(journal, j => j.Event == InstanceMigrator.MigratedEvent);
        Assert.Contains("ndrc.planner", migrated.Message, StringComparison.Ordinal);
        Assert.Contains("version 1 to version 2", migrated.Message, StringComparison.Ordinal);
        var (_, data) = Assert.Single(await EventsAsync(OutboxEventTypes.InstanceMigrated));
        Assert.Equal((first.Id, 1, 2, "ndrc.planner"), (data["instanceId"]!.GetValue<string>(), data["fromVersion"]!.GetValue<int>(), data["toVersion"]!.GetValue<int>(), data["by"]!.GetValue<string>()));

        // Completing the task runs the renamed step, not the old one, and nothing before it again.
        await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        var done = await Engine.WaitForStatusAsync(first.Id, WorkflowStatus.Finished);
        Assert.Equal(["renamed next step"], await Engine.LinesAsync(first.Id));
        var runs = (await Engine.Runtime.GetJournalAsync(first.Id, 1, 100)).Items.Where(j => j.ActivityId == "report" && j.Event == "Completed");
        Assert.Single(runs);

        // The instance not migrated stays on version 1 and runs the old step.
        var otherTask = Assert.Single(second.Bookmarks, b => b.Kind == BookmarkKinds.HumanTask).Key!;
        await Tasks.CompleteAsync(GuangdongStaff, otherTask, "Submitted", null);
        await Engine.WaitForStatusAsync(second.Id, WorkflowStatus.Finished);
        Assert.Equal(["old next step"], await Engine.LinesAsync(second.Id));
        Assert.Equal(1, (await Engine.Runtime.GetAsync(second.Id)).DefinitionVersion);
        Assert.Equal(2, done.DefinitionVersion);
    }

    [Fact]
    public async Task EscalationTimer_AfterMigration_FiresOnceOnItsDay()
    {
        // Arrange: the task's reminder is due in 7 days (due in 10, reminder 3 days before).
        var id = await PublishRenamedNextStepAsync();
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        var taskId = Assert.Single(instance.Bookmarks, b => b.Kind == BookmarkKinds.HumanTask).Key!;
        await PublishVersionTwoAsync(id);
        await Migrator.MigrateAsync(NdrcPlanner, instance.Id, 2, Identity);

        // Act: the reminder falls due, and time goes on past it.
        Engine.Time.SetUtcNow(EngineHost.Epoch.AddDays(7).AddMinutes(1));
        await Eventually.TrueAsync(async () => (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.EscalationLevel == 1, "the reminder");
        Engine.Time.SetUtcNow(EngineHost.Epoch.AddDays(7).AddHours(2));
        await Task.Delay(500);

        // Assert: one reminder, recorded once; the next rung waits on its own timer in the new version.
        var view = await Tasks.GetAsync(GuangdongStaff, taskId);
        Assert.Single(view.History, h => h.Action == "Escalated");
        Assert.Equal(["reminder"], view.Escalation.Applied.Select(r => r.Action));
        var now = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(2, now.DefinitionVersion);
        Assert.Equal(["escalation:2", "escalation:3", "escalation:4", "escalation:5"], now.Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer).Select(b => b.Key));

        await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        await Engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);
        Assert.Equal(["renamed next step"], await Engine.LinesAsync(instance.Id));
    }

    [Fact]
    public async Task DelayMappedToRenamedDelay_FiresOnceIntoTheNewVersion()
    {
        // Arrange: version 1 waits a day in "pause"; version 2 calls the same wait "cooling-off" and writes another line after it.
        var id = "delay-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(id, [WriteLine("begin", "begin"), Delay("pause", "1.00:00:00"), WriteLine("after", "after v1")], ["begin->pause", "pause->after"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        var timer = Assert.Single(instance.Bookmarks);
        await Engine.PublishAsync(Definition(id, [WriteLine("begin", "begin"), Delay("cooling-off", "1.00:00:00"), WriteLine("after2", "after v2")], ["begin->cooling-off", "cooling-off->after2"]));

        // Act
        var moved = await Migrator.MigrateAsync(NdrcPlanner, instance.Id, 2, new Dictionary<string, string?> { ["pause"] = "cooling-off" });
        Engine.Time.SetUtcNow(EngineHost.Epoch.AddDays(1).AddMinutes(1));
        await Engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);

        // Assert: the same timer (id and time), now in "cooling-off"; it fired once; "begin" did not run again.
        var movedTimer = Assert.Single(moved.Bookmarks);
        Assert.Equal((timer.Id, timer.ResumeAt, "cooling-off"), (movedTimer.Id, movedTimer.ResumeAt, movedTimer.ActivityId));
        Assert.Equal(["begin", "after v2"], await Engine.LinesAsync(instance.Id));
        var journal = (await Engine.Runtime.GetJournalAsync(instance.Id, 1, 100)).Items;
        Assert.Single(journal, j => j.ActivityId == "cooling-off" && j.Event == "Resumed");
    }

    [Fact]
    public async Task WaitingInRemovedActivity_IsRefusedWithTheReason_AndLeftAsItWas()
    {
        // Arrange: version 1 waits for event "approved"; version 2 waits for "signed" instead.
        var id = "removed-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(id, [Event("approved", "approved"), WriteLine("done", "done v1")], ["approved->done"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id, CorrelationId: "c-" + id));
        await Engine.PublishAsync(Definition(id, [Event("signed", "signed"), WriteLine("done", "done v2")], ["signed->done"]));

        // Act
        var preview = Assert.Single(await Migrator.PreviewAsync(NdrcPlanner, new MigrationPreviewRequest(id, 2, [instance.Id], Identity)));
        var dropped = Assert.Single(await Migrator.PreviewAsync(NdrcPlanner, new MigrationPreviewRequest(id, 2, [instance.Id], new Dictionary<string, string?> { ["approved"] = null })));
        var otherType = Assert.Single(await Migrator.PreviewAsync(NdrcPlanner, new MigrationPreviewRequest(id, 2, [instance.Id], new Dictionary<string, string?> { ["approved"] = "done" })));
        var refused = await Assert.ThrowsAsync<ConflictException>(() => Migrator.MigrateAsync(NdrcPlanner, instance.Id, 2, Identity));

        // Assert: each reason in both languages; the instance stays on version 1 and still answers its event.
        Assert.False(preview.CanMove);
        var reason = Assert.Single(preview.Reasons);
        Assert.Equal("approved", reason.ActivityId);
        Assert.Contains("新版本删除了该活动", reason.Zh, StringComparison.Ordinal);
        Assert.Contains("removed", reason.En, StringComparison.Ordinal);
        Assert.Contains("映射舍弃了该活动", Assert.Single(dropped.Reasons).Zh, StringComparison.Ordinal);
        Assert.Contains("another kind of activity", Assert.Single(otherType.Reasons).En, StringComparison.Ordinal);
        Assert.Contains("removed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await Engine.Runtime.GetAsync(instance.Id)).DefinitionVersion);
        await Engine.Runtime.RaiseEventAsync("approved", "c-" + id, null);
        await Engine.WaitForStatusAsync(instance.Id, WorkflowStatus.Finished);
        Assert.Equal(["done v1"], await Engine.LinesAsync(instance.Id));
        Assert.Empty(await EventsAsync(OutboxEventTypes.InstanceMigrated));
    }

    [Fact]
    public async Task Errors_NameTheFieldOrRefuse()
    {
        var id = await PublishRenamedNextStepAsync();
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        await PublishVersionTwoAsync(id);

        var unknownVersion = await Assert.ThrowsAsync<RequestValidationException>(() => Migrator.MigrateAsync(NdrcPlanner, instance.Id, 9, Identity));
        var missingTarget = await Assert.ThrowsAsync<RequestValidationException>(() => Migrator.MigrateAsync(NdrcPlanner, instance.Id, 2, new Dictionary<string, string?> { ["report"] = "nowhere" }));
        await Assert.ThrowsAsync<ForbiddenException>(() => Migrator.MigrateAsync(NdrcSupervisor, instance.Id, 2, Identity));
        await Assert.ThrowsAsync<ForbiddenException>(() => Migrator.PreviewAsync(GuangdongStaff, new MigrationPreviewRequest(id, 2, null, Identity)));
        await Assert.ThrowsAsync<NotFoundException>(() => Migrator.MigrateAsync(NdrcPlanner, "no-such-instance", 2, Identity));

        Assert.Equal(["targetVersion"], unknownVersion.Errors.Keys);
        Assert.Equal(["mapping.report"], missingTarget.Errors.Keys);

        // An ended instance is not running: 409.
        await Engine.Runtime.CancelAsync(instance.Id);
        var ended = await Assert.ThrowsAsync<ConflictException>(() => Migrator.MigrateAsync(NdrcPlanner, instance.Id, 2, Identity));
        Assert.Contains("Cancelled", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BulkOperation_MovesOnce_ThenSkipsAsDone()
    {
        var id = await PublishRenamedNextStepAsync();
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        await PublishVersionTwoAsync(id);
        var operation = Engine.Services.GetServices<IBulkOperation>().Single(o => o.Name == "migrate");
        var parameters = new JsonObject { ["targetVersion"] = 2, ["mapping"] = new JsonObject() };

        operation.Validate(NdrcPlanner, parameters);
        var preview = await operation.PreviewAsync(NdrcPlanner, instance.Id, parameters, default);
        var first = await operation.ApplyAsync(NdrcPlanner, instance.Id, parameters, default);
        var again = await operation.ApplyAsync(NdrcPlanner, instance.Id, parameters, default);

        Assert.Equal(BulkTarget.Instances, operation.Target);
        Assert.Equal((BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Skipped), (preview.Status, first.Status, again.Status));
        Assert.Equal("已在版本 2 上，无需迁移", again.Reason!.Zh);
        Assert.Single(await EventsAsync(OutboxEventTypes.InstanceMigrated));
        Assert.Equal(
            ["parameters.targetVersion"],
            Assert.Throws<RequestValidationException>(() => operation.Validate(NdrcPlanner, new JsonObject { ["targetVersion"] = "two" })).Errors.Keys);
        Assert.Throws<ForbiddenException>(() => operation.Validate(GuangdongStaff, parameters));
    }

    [Fact]
    public async Task IdenticalVersion_WithConnectionsInAnotherOrder_ChangesNothingObservable()
    {
        // Arrange: a fork whose short branch has reached the join (its signal waits there) while the other waits for an
        // event; version 2 is the same workflow with its connections listed in reverse, so every connection's index differs.
        var activities = new[] { Fork("fork", "a", "b"), Event("wait", "go"), WriteLine("quick", "quick"), A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAll"))), WriteLine("done", "done") };
        string[] connections = ["fork:a->wait", "fork:b->quick", "wait->join", "quick->join", "join->done"];
        var id = "identical-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(id, activities, connections));
        var migrated = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id, CorrelationId: "m-" + id));
        var twin = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id, CorrelationId: "t-" + id));
        await Engine.PublishAsync(Definition(id, [.. activities.Select(a => (JsonObject)a.DeepClone())], [.. connections.Reverse()]));

        // Act
        var moved = await Migrator.MigrateAsync(NdrcPlanner, migrated.Id, 2, Identity);

        // Assert: the same view but for the version, and the same run to the end as the twin left on version 1.
        Assert.Equal((migrated.Status, migrated.Variables.ToJsonString()), (moved.Status, moved.Variables.ToJsonString()));
        Assert.Equal(migrated.Bookmarks, moved.Bookmarks);
        await Engine.Runtime.RaiseEventAsync("go", "m-" + id, null);
        await Engine.Runtime.RaiseEventAsync("go", "t-" + id, null);
        await Engine.WaitForStatusAsync(migrated.Id, WorkflowStatus.Finished);
        await Engine.WaitForStatusAsync(twin.Id, WorkflowStatus.Finished);
        Assert.Equal(["quick", "done"], await Engine.LinesAsync(twin.Id));
        Assert.Equal(await Engine.LinesAsync(twin.Id), await Engine.LinesAsync(migrated.Id));
        var steps = (await Engine.Runtime.GetJournalAsync(migrated.Id, 1, 100)).Items.Where(j => j.Event != InstanceMigrator.MigratedEvent).Select(j => (j.ActivityId, j.Event));
        Assert.Equal((await Engine.Runtime.GetJournalAsync(twin.Id, 1, 100)).Items.Select(j => (j.ActivityId, j.Event)), steps);
    }

    [Fact]
    public async Task MappingChoices_ListWhereRunningInstancesHoldSomething_AndTheTargetsActivities()
    {
        // Arrange: on version 1, two instances wait in the task and one for an event beside it (a fork); version 2 renames the event.
        var id = "choices-" + Guid.NewGuid().ToString("N")[..8];
        var report = Report();
        report["name"] = "进度报告";
        await Engine.PublishAsync(Definition(id, [Fork("fork", "a", "b"), report, Event("signal", "signal"), WriteLine("next", "next")], ["fork:a->report", "fork:b->signal", "report:Submitted->next"]));
        await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        var v2Report = Report();
        v2Report["name"] = "进度报告";
        var publish = WriteLine("publish", "publish");
        publish["name"] = "发布";
        await Engine.PublishAsync(Definition(id, [Fork("fork", "a", "b"), v2Report, Event("signal-2", "signal"), publish], ["fork:a->report", "fork:b->signal-2", "report:Submitted->publish"]));

        // Act
        var choices = await Migrator.MappingChoicesAsync(NdrcPlanner, id, [1], 2);

        // Assert: what holds something, by display name, with how many instances and whether it keeps its own place.
        Assert.Equal(
            [("report", "进度报告", 2, "report"), ("signal", "signal", 2, (string?)null)],
            choices.Sources.OrderBy(s => s.ActivityId).Select(s => (s.ActivityId, s.Label, s.Instances, s.SamePlace)));
        Assert.Equal(["fork", "report", "signal-2", "publish"], choices.Targets.Select(t => t.ActivityId));
        Assert.Equal("发布", choices.Targets.Single(t => t.ActivityId == "publish").Label);
        await Assert.ThrowsAsync<ForbiddenException>(() => Migrator.MappingChoicesAsync(GuangdongStaff, id, [1], 2));
        await Assert.ThrowsAsync<RequestValidationException>(() => Migrator.MappingChoicesAsync(NdrcPlanner, id, [1], 7));
    }
}

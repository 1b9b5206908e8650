using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Tests.Shared;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>
/// Escalation as the engine records it: rungs already due when a task is issued are applied at once, in ladder order;
/// the task's view lists what was done and what is to come; NDRC supervisors and planners urge (催办) by hand.
/// </summary>
public sealed class EscalationTests : EngineTest
{
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller GuangdongLead = new("guangdong.lead", "guangdong", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller GuangdongSystem = new("system:erp", "guangdong", new HashSet<string> { Roles.AgencySystem });
    private static readonly Caller NdrcSupervisor = new("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });
    private static readonly Caller NdrcAuditor = new("ndrc.auditor", "ndrc", new HashSet<string> { Roles.Auditor });

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    private EscalationService Escalations => Engine.Services.GetRequiredService<EscalationService>();

    /// <summary>Starts a workflow whose one task goes to guangdong, due at <paramref name="due"/>, with a ladder; returns the task id.</summary>
    private async Task<(string InstanceId, string TaskId)> IssueAsync(string due, string? escalation = "default")
    {
        var task = A(
            "report",
            "AiPlus.HumanTask",
            ("title", Lit("进度报告")),
            ("assigneeAgency", Lit("guangdong")),
            ("outcomes", Lit("Submitted")),
            ("dueAt", Lit(due)));
        if (escalation is not null)
        {
            task["escalation"] = Lit(escalation);
        }

        var id = "late-" + Guid.NewGuid().ToString("N")[..8];
        await Engine.PublishAsync(Definition(id, [task, WriteLine("done", "done")], ["report:Submitted->done"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        var bookmark = Assert.Single(instance.Bookmarks, b => b.Kind == BookmarkKinds.HumanTask);
        return (instance.Id, bookmark.Key!);
    }

    private static string Iso(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    private async Task<List<(string Type, JsonNode Data)>> EventsAsync(string taskId)
    {
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var rows = await db.Outbox.AsNoTracking().OrderBy(o => o.Position).ToListAsync();
        return [.. rows
            .Select(o => (o.Type, Data: JsonNode.Parse(o.Payload)!["data"]!))
            .Where(e => e.Data["taskId"]?.GetValue<string>() == taskId)];
    }

    [Fact]
    public async Task LateTask_IssuedSixteenDaysAfterItsDue_AppliesEveryPastRungAtOnceInLadderOrder()
    {
        // Arrange: due 16 days ago; the default ladder's rungs fell due at −19, −16, −9 and −2 days; 通报 is 14 days away.
        var due = EngineHost.Epoch.AddDays(-16);

        // Act
        var (instanceId, taskId) = await IssueAsync(Iso(due));

        // Assert: the level, the colour and the inbox's escalated view at once.
        var view = await Tasks.GetAsync(GuangdongStaff, taskId);
        Assert.Equal((4, TaskColour.Red), (view.Summary.EscalationLevel, view.Summary.Colour));
        Assert.Contains((await Tasks.ListAsync(GuangdongStaff, new TaskQuery(TaskViews.Escalated))).Items, t => t.Id == taskId);

        // The rungs in ladder order, each taken now, with the date the ladder gave it and who was told.
        var applied = view.Escalation.Applied;
        Assert.Equal(["reminder", "urge", "notice", "interview"], applied.Select(r => r.Action));
        Assert.Equal([1, 2, 3, 4], applied.Select(r => r.Level));
        Assert.All(applied, r => Assert.Equal((EngineHost.Epoch, EscalationTriggers.Ladder, "system", "guangdong"), (r.At, r.Trigger, r.Actor, r.IssuedToAgency)));
        Assert.Equal([due.AddDays(-3), due, due.AddDays(7), due.AddDays(14)], applied.Select(r => r.DueAt!.Value));
        Assert.Equal([false, false, false, true], applied.Select(r => r.IssuedToLead));
        var planned = Assert.Single(view.Escalation.Planned);
        Assert.Equal((5, "circular", due.AddDays(30), true), (planned.Level, planned.Action, planned.DueAt, planned.IssuedToLead));

        // History and events: created, then one escalation per rung in order; the task was red from the start.
        Assert.Equal(["Created", "Escalated", "Escalated", "Escalated", "Escalated"], view.History.Select(h => h.Action));
        Assert.Equal(["reminder", "urge", "notice", "interview"], view.History.Skip(1).Select(h => h.Data!["action"]!.GetValue<string>()));
        var events = await EventsAsync(taskId);
        Assert.Equal(["task.created", "task.escalated", "task.escalated", "task.escalated", "task.escalated"], events.Select(e => e.Type));
        Assert.Equal([1, 2, 3, 4], events.Skip(1).Select(e => e.Data["level"]!.GetValue<int>()));
        Assert.Equal("Red", events[0].Data["colour"]!.GetValue<string>());

        // Only the rung still to come waits on a timer.
        var timers = (await Engine.Runtime.GetAsync(instanceId)).Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer).ToList();
        Assert.Equal((HumanTaskActivity.EscalationPrefix + "5", due.AddDays(30)), (Assert.Single(timers).Key, timers[0].ResumeAt));
    }

    [Fact]
    public async Task LateTask_RungStillToCome_FiresOnItsDay_ThenNothingIsPlanned()
    {
        // Arrange: due 2 days ago; reminder and urge are past, notice, interview and circular to come.
        var due = EngineHost.Epoch.AddDays(-2);
        var (_, taskId) = await IssueAsync(Iso(due));
        var issued = await Tasks.GetAsync(GuangdongStaff, taskId);
        Assert.Equal(["reminder", "urge"], issued.Escalation.Applied.Select(r => r.Action));
        Assert.Equal([("notice", due.AddDays(7)), ("interview", due.AddDays(14)), ("circular", due.AddDays(30))], issued.Escalation.Planned.Select(r => (r.Action, r.DueAt)));

        // Act: the notice falls due.
        Engine.Time.SetUtcNow(due.AddDays(7).AddMinutes(1));
        TaskView view = issued;
        await Eventually.TrueAsync(async () => (view = await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.EscalationLevel == 3, "the notice");

        // Assert
        Assert.Equal(["reminder", "urge", "notice"], view.Escalation.Applied.Select(r => r.Action));
        Assert.Equal(due.AddDays(7), view.Escalation.Applied[2].DueAt);
        Assert.Equal(["interview", "circular"], view.Escalation.Planned.Select(r => r.Action));

        // Done: nothing more is planned.
        var done = await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        Assert.Empty(done.Escalation.Planned);
        Assert.Equal(3, done.Escalation.Applied.Count);
    }

    [Fact]
    public async Task TaskWithinItsLadder_AppliesNothingAtIssue()
    {
        var (_, taskId) = await IssueAsync("P10D");

        var view = await Tasks.GetAsync(GuangdongStaff, taskId);

        Assert.Equal(0, view.Summary.EscalationLevel);
        Assert.Empty(view.Escalation.Applied);
        Assert.Equal(["reminder", "urge", "notice", "interview", "circular"], view.Escalation.Planned.Select(r => r.Action));
        Assert.Equal(EngineHost.Epoch.AddDays(7), view.Escalation.Planned[0].DueAt);
    }

    [Fact]
    public async Task Urge_BySupervisor_RecordsTheActionHistoryLevelAndEvent()
    {
        // Arrange: a task within its ladder, at level 0.
        var (_, taskId) = await IssueAsync("P10D");
        Engine.Time.Advance(TimeSpan.FromHours(2));

        // Act
        var view = await Escalations.UrgeAsync(NdrcSupervisor, taskId, "  请于本周五前报送进展  ");

        // Assert: level of 催办 on the ladder, colour untouched, the action with its actor and message.
        Assert.Equal((2, TaskColour.Green), (view.Summary.EscalationLevel, view.Summary.Colour));
        var urge = Assert.Single(view.Escalation.Applied);
        Assert.Equal(
            (2, "urge", EngineHost.Epoch.AddHours(2), (DateTimeOffset?)null, EscalationTriggers.Manual, "ndrc.supervisor", "请于本周五前报送进展", "guangdong", false),
            (urge.Level, urge.Action, urge.At, urge.DueAt, urge.Trigger, urge.Actor, urge.Message, urge.IssuedToAgency, urge.IssuedToLead));
        Assert.Equal(5, view.Escalation.Planned.Count);
        var entry = view.History[^1];
        Assert.Equal(("Urged", "ndrc.supervisor", "请于本周五前报送进展"), (entry.Action, entry.Actor, entry.Data!["message"]!.GetValue<string>()));
        var urged = Assert.Single(await EventsAsync(taskId), e => e.Type == OutboxEventTypes.TaskUrged);
        Assert.Equal(("请于本周五前报送进展", "ndrc.supervisor", 2, "guangdong"), (urged.Data["message"]!.GetValue<string>(), urged.Data["by"]!.GetValue<string>(), urged.Data["level"]!.GetValue<int>(), urged.Data["agency"]!.GetValue<string>()));

        // The agency sees the same, and the task is in its escalated view.
        Assert.Equal(view.Escalation.Applied, (await Tasks.GetAsync(GuangdongStaff, taskId)).Escalation.Applied);
        Assert.Contains((await Tasks.ListAsync(GuangdongStaff, new TaskQuery(TaskViews.Escalated))).Items, t => t.Id == taskId);
    }

    [Fact]
    public async Task Urge_OnATaskPastItsUrgeRung_KeepsTheHigherLevel_AndPlannerMayUrge()
    {
        var (_, taskId) = await IssueAsync(Iso(EngineHost.Epoch.AddDays(-8)));

        var view = await Escalations.UrgeAsync(NdrcPlanner, taskId, "再次催办");

        Assert.Equal(3, view.Summary.EscalationLevel);
        Assert.Equal(["reminder", "urge", "notice", "urge"], view.Escalation.Applied.Select(r => r.Action));
        Assert.Equal((2, EscalationTriggers.Manual, "ndrc.planner"), (view.Escalation.Applied[3].Level, view.Escalation.Applied[3].Trigger, view.Escalation.Applied[3].Actor));
    }

    [Fact]
    public async Task Urge_LevelIsThatOfUrgeOnTheTasksOwnLadder()
    {
        var ladder = """[{"offset":"-P5D","action":"reminder"},{"offset":"-P2D","action":"reminder"},{"offset":"PT0S","action":"urge"}]""";
        var (_, withLadder) = await IssueAsync("P10D", ladder);
        var (_, withoutLadder) = await IssueAsync("P10D", escalation: null);

        Assert.Equal(3, (await Escalations.UrgeAsync(NdrcSupervisor, withLadder, "催办")).Summary.EscalationLevel);
        var plain = await Escalations.UrgeAsync(NdrcSupervisor, withoutLadder, "催办");
        Assert.Equal(2, plain.Summary.EscalationLevel);
        Assert.Empty(plain.Escalation.Planned);
    }

    [Fact]
    public async Task Urge_ByAnyoneElse_WithoutAMessage_OrOnAClosedTask_IsRefusedAndRecordsNothing()
    {
        // Arrange
        var (_, taskId) = await IssueAsync("P10D");

        // Act / Assert: only NDRC supervisors and planners, whatever the task.
        foreach (var caller in new[] { GuangdongStaff, GuangdongLead, GuangdongSystem, NdrcAuditor })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => Escalations.UrgeAsync(caller, taskId, "催办"));
            await Assert.ThrowsAsync<ForbiddenException>(() => Escalations.UrgeAsync(caller, "no-such-task", "催办"));
        }

        foreach (var message in new[] { null, "", "   " })
        {
            Assert.Equal(["message"], (await Assert.ThrowsAsync<RequestValidationException>(() => Escalations.UrgeAsync(NdrcSupervisor, taskId, message))).Errors.Keys);
        }

        Assert.Equal(["message"], (await Assert.ThrowsAsync<RequestValidationException>(() => Escalations.UrgeAsync(NdrcSupervisor, taskId, new string('催', EscalationService.MaxMessageLength + 1)))).Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => Escalations.UrgeAsync(NdrcSupervisor, "no-such-task", "催办"));
        Assert.Empty((await Tasks.GetAsync(GuangdongStaff, taskId)).Escalation.Applied);

        await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        await Assert.ThrowsAsync<ConflictException>(() => Escalations.UrgeAsync(NdrcSupervisor, taskId, "催办"));
        Assert.Empty((await Tasks.GetAsync(GuangdongStaff, taskId)).Escalation.Applied);
        Assert.DoesNotContain(await EventsAsync(taskId), e => e.Type == OutboxEventTypes.TaskUrged);
    }

    [Fact]
    public async Task EventTypes_EveryTypeWrittenIsKnownToWebhooks_AndAnUndeclaredTypeIsRefused()
    {
        // Arrange / Act: a late task (created, escalated), claimed, urged, reported on, completed; the instance finishes.
        var (instanceId, taskId) = await IssueAsync(Iso(EngineHost.Epoch.AddDays(-1)));
        await Tasks.ClaimAsync(GuangdongStaff, taskId);
        await Escalations.UrgeAsync(NdrcSupervisor, taskId, "催办");
        await Tasks.ReportProgressAsync(GuangdongStaff, taskId, new ProgressReportInput("完成", null, null, null, 50, null, TaskColour.Green, 7, []));
        await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        await Engine.WaitForStatusAsync(instanceId, WorkflowStatus.Finished);

        // Assert
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var written = await db.Outbox.AsNoTracking().Select(o => o.Type).Distinct().ToListAsync();
        Assert.Superset(
            new HashSet<string> { "task.created", "task.escalated", "task.claimed", "task.urged", "task.progress_reported", "task.completed", "task.submitted", "instance.finished" },
            written.ToHashSet());
        Assert.All(written, type => Assert.Contains(type, WebhookEventTypes.Known));
        Assert.Equal(WebhookEventTypes.Known.Count, WebhookEventTypes.Known.Distinct().Count());
        Assert.Contains("plan.version.published", WebhookEventTypes.Known);
        Assert.Throws<ArgumentException>(() => OutboxEvents.Create("task.urgent", null, new JsonObject(), EngineHost.Epoch));
    }

    [Fact]
    public async Task ExtendDue_MovesTheLadderTimers_TheRungFiresAtTheNewTimeNotTheOld()
    {
        // Arrange: due in 10 days; the reminder would fall due in 7.
        var (instanceId, taskId) = await IssueAsync("P10D");
        var newDue = EngineHost.Epoch.AddDays(20);

        // Act
        var view = await Escalations.ExtendDueAsync(NdrcSupervisor, taskId, newDue, "需协调外部数据");

        // Assert: the due time, the planned rungs and the timers follow.
        Assert.Equal(newDue, view.Summary.DueAt);
        Assert.Equal(newDue.AddDays(-3), view.Escalation.Planned[0].DueAt);
        var timers = (await Engine.Runtime.GetAsync(instanceId)).Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer).OrderBy(b => b.ResumeAt).ToList();
        Assert.Equal([newDue.AddDays(-3), newDue, newDue.AddDays(7), newDue.AddDays(14), newDue.AddDays(30)], timers.Select(t => t.ResumeAt!.Value));
        var entry = view.History.Last(h => h.Action == "DueExtended");
        Assert.Equal(("ndrc.supervisor", "需协调外部数据"), (entry.Actor, entry.Data!["reason"]!.GetValue<string>()));
        Assert.Equal(EngineHost.Epoch.AddDays(10), entry.Data["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(newDue, entry.Data["to"]!.GetValue<DateTimeOffset>());
        var extended = Assert.Single(await EventsAsync(taskId), e => e.Type == OutboxEventTypes.TaskDueExtended);
        Assert.Equal("需协调外部数据", extended.Data["reason"]!.GetValue<string>());

        // The old reminder time passes: nothing fires.
        Engine.Time.SetUtcNow(EngineHost.Epoch.AddDays(7).AddMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.EscalationLevel);

        // The new one: the reminder fires.
        Engine.Time.SetUtcNow(newDue.AddDays(-3).AddMinutes(1));
        await Eventually.TrueAsync(async () => (view = await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.EscalationLevel == 1, "the reminder at its new time");
        var reminder = Assert.Single(view.Escalation.Applied);
        Assert.Equal(("reminder", newDue.AddDays(-3)), (reminder.Action, reminder.DueAt));

        // The task still completes through its (new) bookmark.
        var done = await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        Assert.Equal(TaskState.Completed, done.Summary.State);
    }

    [Fact]
    public async Task ExtendDue_OfABlueTaskWhoseReminderFired_TurnsItGreen_AndTheReminderGetsItsTimerAgain()
    {
        // Arrange: due in 2 days: blue, and the reminder (3 days before) was applied at issue.
        var (instanceId, taskId) = await IssueAsync(Iso(EngineHost.Epoch.AddDays(2)));
        Assert.Equal(TaskColour.Blue, (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.Colour);
        var newDue = EngineHost.Epoch.AddDays(10);

        // Act
        var view = await Escalations.ExtendDueAsync(NdrcPlanner, taskId, newDue, "延期");

        // Assert: the fired reminder stays in the record, and waits for its new time again.
        Assert.Equal(TaskColour.Green, view.Summary.Colour);
        Assert.Equal("reminder", Assert.Single(view.Escalation.Applied).Action);
        Assert.Contains(view.History, h => h.Action == "ColourChanged");
        var timers = (await Engine.Runtime.GetAsync(instanceId)).Bookmarks.Where(b => b.Kind == BookmarkKinds.Timer).ToList();
        Assert.Contains(timers, t => t.Key == HumanTaskActivity.EscalationPrefix + "1" && t.ResumeAt == newDue.AddDays(-3));
    }

    [Fact]
    public async Task ExtendDue_BadInput_NamesTheField_AndOnlyNdrcStaffMay()
    {
        var (_, taskId) = await IssueAsync("P10D");

        await Assert.ThrowsAsync<ForbiddenException>(() => Escalations.ExtendDueAsync(GuangdongLead, taskId, EngineHost.Epoch.AddDays(20), "延期"));
        await Assert.ThrowsAsync<ForbiddenException>(() => Escalations.ExtendDueAsync(NdrcAuditor, taskId, EngineHost.Epoch.AddDays(20), "延期"));
        Assert.Equal(["dueAt"], (await Assert.ThrowsAsync<RequestValidationException>(() => Escalations.ExtendDueAsync(NdrcSupervisor, taskId, EngineHost.Epoch, "延期"))).Errors.Keys);
        Assert.Equal(["dueAt"], (await Assert.ThrowsAsync<RequestValidationException>(() => Escalations.ExtendDueAsync(NdrcSupervisor, taskId, null, "延期"))).Errors.Keys);
        Assert.Equal(["dueAt"], (await Assert.ThrowsAsync<RequestValidationException>(() => Escalations.ExtendDueAsync(NdrcSupervisor, taskId, EngineHost.Epoch.AddDays(5), "延期"))).Errors.Keys);
        Assert.Equal(["reason"], (await Assert.ThrowsAsync<RequestValidationException>(() => Escalations.ExtendDueAsync(NdrcSupervisor, taskId, EngineHost.Epoch.AddDays(20), "  "))).Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(() => Escalations.ExtendDueAsync(NdrcSupervisor, "no-such-task", EngineHost.Epoch.AddDays(20), "延期"));

        await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", null);
        await Assert.ThrowsAsync<ConflictException>(() => Escalations.ExtendDueAsync(NdrcSupervisor, taskId, EngineHost.Epoch.AddDays(20), "延期"));
        Assert.Equal(EngineHost.Epoch.AddDays(10), (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.DueAt);
    }
}

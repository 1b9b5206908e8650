using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Runtime;

/// <summary>
/// Incidents (docs/decisions/030): a faulted instance is retried from its faulted activity after its data is fixed, or
/// the activity is skipped with one of its outcomes; nothing that completed runs again, the incident stays in the
/// history as resolved, and the journal records it.
/// </summary>
public sealed class IncidentTests : EngineTest
{
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });
    private static readonly Caller NdrcSupervisor = new("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });

    /// <summary>
    /// before → check (faults while variable <c>ok</c> is false; its outcomes True/False) → True: after, False: other. A
    /// fork first also sends the flow to an event that waits, so the fault removes a bookmark of another activity.
    /// </summary>
    private async Task<InstanceView> StartFaultingAsync(string id)
    {
        await Engine.PublishAsync(Definition(
            id,
            [
                WriteLine("before", "before"),
                Fork("fork", "a", "b"),
                Event("wait", "go-" + id),
                WriteLine("waited", "waited"),
                Decision("check", "(function () { if (!getVariable('ok')) { throw new Error('data missing'); } return true; })()"),
                WriteLine("after", "after"),
                WriteLine("other", "other"),
            ],
            ["before:Done->fork", "fork:a->wait", "wait:Done->waited", "fork:b->check", "check:True->after", "check:False->other"],
            ("ok", "Boolean", "false")));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest(id));
        Assert.Equal(WorkflowStatus.Faulted, instance.Status);
        return instance;
    }

    [Fact]
    public async Task Retry_AfterFixingTheData_RunsTheActivityAgainAndFinishes_NothingDoneRunsAgain()
    {
        // Arrange
        var faulted = await StartFaultingAsync("retry-fixed");
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal(("check", null), (incident.ActivityId, incident.Resolution));
        Assert.Empty(faulted.Bookmarks);

        // Act: the planner fixes the variable and retries.
        var retried = await Engine.Runtime.RetryAsync(NdrcPlanner, faulted.Id, "数据已补齐", new JsonObject { ["ok"] = true });

        // Assert: the check ran again and the flow went on; the event's wait got its bookmark back.
        Assert.Equal(WorkflowStatus.Suspended, retried.Status);
        Assert.Equal(["before", "after"], await Engine.LinesAsync(faulted.Id));
        var wait = Assert.Single(retried.Bookmarks);
        Assert.Equal(("wait", BookmarkKinds.Event), (wait.ActivityId, wait.Kind));
        var resolved = Assert.Single(retried.Incidents);
        Assert.Equal(new IncidentResolution(IncidentResolution.Retried, "ndrc.planner", EngineHost.Epoch, null, "数据已补齐"), resolved.Resolution);

        // The journal: one Retried entry; "before" completed once; check faulted once, then completed once.
        var journal = (await Engine.Runtime.GetJournalAsync(faulted.Id, 1, 200)).Items;
        Assert.Single(journal, e => e.ActivityId == "before" && e.Event == "Completed");
        Assert.Equal(["Faulted", "Retried", "Completed"], journal.Where(e => e.ActivityId == "check" && e.Event != "Started").Select(e => e.Event));
        Assert.Contains("ndrc.planner: 数据已补齐", journal.Single(e => e.Event == "Retried").Message);

        // The event resumes the restored bookmark and the instance finishes.
        await Engine.Runtime.RaiseEventAsync("go-retry-fixed", null, null);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(faulted.Id)).Status);
        Assert.Equal(["before", "after", "waited"], await Engine.LinesAsync(faulted.Id));
    }

    [Fact]
    public async Task Retry_WithoutFixingTheCause_FaultsAgainWithASecondIncident()
    {
        var faulted = await StartFaultingAsync("retry-unfixed");

        var again = await Engine.Runtime.RetryAsync(NdrcPlanner, faulted.Id, null);

        Assert.Equal(WorkflowStatus.Faulted, again.Status);
        Assert.Equal(2, again.Incidents.Count);
        Assert.Equal(IncidentResolution.Retried, again.Incidents[0].Resolution!.Action);
        Assert.Null(again.Incidents[1].Resolution);

        // And once fixed, the second incident is retried like the first, and the other branch still waits.
        var fixedRun = await Engine.Runtime.RetryAsync(NdrcPlanner, faulted.Id, null, new JsonObject { ["ok"] = true });
        Assert.Equal(WorkflowStatus.Suspended, fixedRun.Status);
        Assert.Equal("wait", Assert.Single(fixedRun.Bookmarks).ActivityId);
    }

    [Fact]
    public async Task Skip_ContinuesFromTheChosenPort()
    {
        var faulted = await StartFaultingAsync("skip-port");

        var skipped = await Engine.Runtime.SkipAsync(NdrcPlanner, faulted.Id, "check", "False", "人工核实后不适用");

        Assert.Equal(WorkflowStatus.Suspended, skipped.Status);
        Assert.Equal(["before", "other"], await Engine.LinesAsync(faulted.Id));
        Assert.Equal(new IncidentResolution(IncidentResolution.Skipped, "ndrc.planner", EngineHost.Epoch, "False", "人工核实后不适用"), Assert.Single(skipped.Incidents).Resolution);
        var journal = (await Engine.Runtime.GetJournalAsync(faulted.Id, 1, 200)).Items;
        var entry = Assert.Single(journal, e => e.Event == "Skipped");
        Assert.Equal("check", entry.ActivityId);
        Assert.Equal(["False"], entry.Outcomes!);
        Assert.Single(journal, e => e.ActivityId == "check" && e.Event == "Completed");
    }

    [Fact]
    public async Task Skip_WithAnOutcomeTheActivityHasNot_Is400NamingOutcome_AndChangesNothing()
    {
        var faulted = await StartFaultingAsync("skip-bad");

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Engine.Runtime.SkipAsync(NdrcPlanner, faulted.Id, null, "Done", "原因"));
        Assert.Equal(["outcome"], error.Errors.Keys);
        var missingReason = await Assert.ThrowsAsync<RequestValidationException>(() => Engine.Runtime.SkipAsync(NdrcPlanner, faulted.Id, null, "True", " "));
        Assert.Equal(["reason"], missingReason.Errors.Keys);
        await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.SkipAsync(NdrcPlanner, faulted.Id, "before", "True", "原因"));

        var still = await Engine.Runtime.GetAsync(faulted.Id);
        Assert.Equal(WorkflowStatus.Faulted, still.Status);
        Assert.Null(Assert.Single(still.Incidents).Resolution);
    }

    [Fact]
    public async Task RetryAndSkip_OnAnInstanceNotFaulted_Conflict_AndOnlyPlannersMayAsk()
    {
        var faulted = await StartFaultingAsync("retry-twice");
        await Assert.ThrowsAsync<ForbiddenException>(() => Engine.Runtime.RetryAsync(NdrcSupervisor, faulted.Id, null));
        await Assert.ThrowsAsync<NotFoundException>(() => Engine.Runtime.RetryAsync(NdrcPlanner, "no-such-instance", null));
        await Engine.Runtime.SkipAsync(NdrcPlanner, faulted.Id, null, "True", "原因");

        await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.RetryAsync(NdrcPlanner, faulted.Id, null));
        await Assert.ThrowsAsync<ConflictException>(() => Engine.Runtime.SkipAsync(NdrcPlanner, faulted.Id, null, "True", "原因"));
        Assert.Equal(IncidentCheck.NotFaulted, await Engine.Runtime.CheckIncidentAsync(faulted.Id, null));
    }

    [Fact]
    public async Task Retry_OfAVariableTheDefinitionDoesNotDeclare_Is400NamingIt()
    {
        var faulted = await StartFaultingAsync("retry-undeclared");

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Engine.Runtime.RetryAsync(NdrcPlanner, faulted.Id, null, new JsonObject { ["nope"] = 1 }));

        Assert.Equal(["variables.nope"], error.Errors.Keys);
        Assert.Equal(WorkflowStatus.Faulted, (await Engine.Runtime.GetAsync(faulted.Id)).Status);
    }

    [Fact]
    public async Task RetriedHumanTask_IssuesItsTaskOnce_AfterTheAgencyIsFixed()
    {
        // A task to an agency taken from a variable: a wrong one faults the activity before anything is issued.
        await Engine.PublishAsync(Definition(
            "retry-task",
            [A("report", "AiPlus.HumanTask", ("title", Lit("报告")), ("assigneeAgency", Js("(function () { var a = getVariable('agency'); if (a === 'nowhere') { throw new Error('no such agency'); } return a; })()", "String")), ("outcomes", Lit("Submitted"))), WriteLine("done", "done")],
            ["report:Submitted->done"],
            ("agency", "String", "nowhere")));
        var faulted = await Engine.Runtime.StartAsync(new StartWorkflowRequest("retry-task"));
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);

        var retried = await Engine.Runtime.RetryAsync(NdrcPlanner, faulted.Id, "改为广东", new JsonObject { ["agency"] = "guangdong" });

        var bookmark = Assert.Single(retried.Bookmarks);
        var tasks = Engine.Services.GetRequiredService<TaskService>();
        var guangdong = new Caller("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
        Assert.Equal("guangdong", (await tasks.GetAsync(guangdong, bookmark.Key!)).Summary.AgencyCode);
        await tasks.CompleteAsync(guangdong, bookmark.Key!, "Submitted", null);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(faulted.Id)).Status);
    }
}

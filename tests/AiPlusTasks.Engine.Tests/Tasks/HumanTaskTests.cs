using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Tasks;

public sealed class HumanTaskTests : EngineTest
{
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller GuangdongStaff2 = new("guangdong.staff2", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller GuangdongLead = new("guangdong.lead", "guangdong", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller HubeiStaff = new("hubei.staff", "hubei", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });

    private const string ReportSchema = """
        {"type":"object","required":["progress"],"properties":{"progress":{"type":"integer","minimum":0,"maximum":100},"note":{"type":"string"}}}
        """;

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    private static JsonObject HumanTask(string id, string agency, string outcomes, string? due = null, string? escalation = null, string? schema = null)
    {
        var task = A(
            id,
            "AiPlus.HumanTask",
            ("title", Js("'进度报告 ' + getInput('task')", "String")),
            ("assigneeAgency", Lit(agency)),
            ("outcomes", Lit(outcomes)),
            ("pillar", Lit("action.industry")));
        if (due is not null)
        {
            task["dueAt"] = Lit(due);
        }

        if (escalation is not null)
        {
            task["escalation"] = Lit(escalation);
        }

        if (schema is not null)
        {
            task["schema"] = Obj(schema);
        }

        return task;
    }

    private async Task<InstanceView> StartReportAsync(string? due = "P10D", string? escalation = null)
    {
        await Engine.PublishAsync(Definition(
            "report",
            [HumanTask("report", "guangdong", "Submitted,Withdrawn", due, escalation, ReportSchema), WriteLineJs("submitted", "'progress ' + getLastResult().data.progress"), WriteLine("withdrawn", "withdrawn")],
            ["report:Submitted->submitted", "report:Withdrawn->withdrawn"]));
        return await Engine.Runtime.StartAsync(new StartWorkflowRequest("report", new JsonObject { ["task"] = "T1" }));
    }

    [Fact]
    public async Task HumanTask_Started_CreatesTaskVisibleOnlyToItsAgency()
    {
        var instance = await StartReportAsync();

        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        var inbox = await Tasks.ListAsync(GuangdongStaff, new TaskQuery());
        var task = Assert.Single(inbox.Items);
        Assert.Equal("进度报告 T1", task.Title);
        Assert.Equal(TaskState.Open, task.State);
        Assert.Equal(EngineHost.Epoch.AddDays(10), task.DueAt);
        Assert.Empty((await Tasks.ListAsync(HubeiStaff, new TaskQuery())).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.GetAsync(HubeiStaff, task.Id));
        Assert.Single((await Tasks.ListAsync(NdrcPlanner, new TaskQuery(Agency: "guangdong"))).Items);
        var view = await Tasks.GetAsync(GuangdongStaff, task.Id);
        Assert.Equal(["Submitted", "Withdrawn"], view.Outcomes);
        Assert.Equal("integer", view.Schema!["properties"]!["progress"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Complete_ValidatesOutcomeAndSchema_ThenResumesOnThatOutcome()
    {
        var instance = await StartReportAsync();
        var taskId = (await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items[0].Id;

        var badOutcome = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.CompleteAsync(GuangdongStaff, taskId, "Approved", null));
        Assert.Contains("outcome", badOutcome.Errors.Keys);
        var badData = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", new JsonObject { ["progress"] = 140 }));
        Assert.Contains("data/progress", badData.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CompleteAsync(new Caller("ndrc.auditor", "ndrc", new HashSet<string> { Roles.Auditor }), taskId, "Submitted", new JsonObject { ["progress"] = 1 }));

        await Tasks.ClaimAsync(GuangdongStaff, taskId);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CompleteAsync(GuangdongStaff2, taskId, "Submitted", new JsonObject { ["progress"] = 60 }));
        var completed = await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", new JsonObject { ["progress"] = 60 });

        Assert.Equal(TaskState.Completed, completed.Summary.State);
        Assert.Equal("Submitted", completed.Outcome);
        Assert.Equal(["Created", "Claimed", "Completed"], completed.History.Select(h => h.Action));
        Assert.Equal("guangdong.staff", completed.History[^1].Actor);
        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instance.Id)).Status);
        Assert.Equal(["progress 60"], await Engine.LinesAsync(instance.Id));
        await Assert.ThrowsAsync<ConflictException>(() => Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", new JsonObject { ["progress"] = 70 }));
    }

    [Fact]
    public async Task Escalation_OverdueTask_ClimbsTheLadderWithColours_CompletionStopsIt()
    {
        var instance = await StartReportAsync(due: "P10D", escalation: "default");
        var taskId = (await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items[0].Id;
        Assert.Equal(TaskColour.Green, (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary.Colour);
        Assert.Equal(6, (await Engine.Runtime.GetAsync(instance.Id)).Bookmarks.Count);

        async Task<TaskSummary> AtDayAsync(double day, int level)
        {
            Engine.Time.SetUtcNow(EngineHost.Epoch.AddDays(day));
            for (var i = 0; i < 200; i++)
            {
                var summary = (await Tasks.GetAsync(GuangdongStaff, taskId)).Summary;
                if (summary.EscalationLevel == level)
                {
                    return summary;
                }

                await Task.Delay(20);
            }

            throw new Xunit.Sdk.XunitException($"level {level} not reached on day {day}");
        }

        Assert.Equal(TaskColour.Blue, (await AtDayAsync(7.1, 1)).Colour);
        Assert.Equal(TaskColour.Red, (await AtDayAsync(10.1, 2)).Colour);
        Assert.Equal(TaskColour.Red, (await AtDayAsync(17.1, 3)).Colour);
        var overdue = await Tasks.ListAsync(GuangdongStaff, new TaskQuery(TaskViews.Overdue));
        Assert.Single(overdue.Items);

        await Tasks.CompleteAsync(GuangdongStaff, taskId, "Submitted", new JsonObject { ["progress"] = 100 });
        Engine.Time.SetUtcNow(EngineHost.Epoch.AddDays(60));
        await Task.Delay(300);

        var view = await Tasks.GetAsync(GuangdongStaff, taskId);
        Assert.Equal(3, view.Summary.EscalationLevel);
        Assert.Equal(["reminder", "urge", "notice"], view.History.Where(h => h.Action == "Escalated").Select(h => h.Data!["action"]!.GetValue<string>()));
        Assert.Empty((await Engine.Runtime.GetAsync(instance.Id)).Bookmarks);
    }

    [Fact]
    public async Task WorkflowStopsWaiting_TaskIsCancelled()
    {
        await Engine.PublishAsync(Definition(
            "race",
            [Fork("fork", "Task", "Event"), HumanTask("task", "hubei", "Done"), Event("withdraw", "withdraw"), A("join", "Elsa.FlowJoin", ("mode", Lit("WaitAny")))],
            ["fork:Task->task", "fork:Event->withdraw", "task->join", "withdraw->join"]));
        var instance = await Engine.Runtime.StartAsync(new StartWorkflowRequest("race", new JsonObject { ["task"] = "R" }));
        var taskId = (await Tasks.ListAsync(HubeiStaff, new TaskQuery())).Items[0].Id;

        await Engine.Runtime.RaiseEventAsync("withdraw", null, null);

        Assert.Equal(WorkflowStatus.Finished, (await Engine.Runtime.GetAsync(instance.Id)).Status);
        var task = await Tasks.GetAsync(HubeiStaff, taskId);
        Assert.Equal(TaskState.Cancelled, task.Summary.State);
        Assert.Empty((await Tasks.ListAsync(HubeiStaff, new TaskQuery())).Items);
        await Assert.ThrowsAsync<ConflictException>(() => Tasks.CompleteAsync(HubeiStaff, taskId, "Done", null));
    }

    [Fact]
    public async Task ProgressReports_AppendWithEvidence_AndPrefillTheNext()
    {
        await StartReportAsync();
        var taskId = (await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items[0].Id;
        var pdf = Encoding.UTF8.GetBytes("%PDF-1.7 广东省 AI+ 制造 试点 evidence");

        await Tasks.ReportProgressAsync(GuangdongStaff, taskId, new ProgressReportInput(
            "完成 3 个试点", "扩大到 5 个", "算力不足", "协调算力", 40, new JsonArray(new JsonObject { ["indicator"] = "pilots", ["value"] = 3 }), TaskColour.Yellow, 6,
            [new EvidenceUpload("pilot.pdf", "application/pdf", pdf)]));
        var second = await Tasks.ReportProgressAsync(GuangdongStaff, taskId, new ProgressReportInput(
            "完成 5 个试点", null, null, null, 70, null, TaskColour.Green, 8, []));

        Assert.Equal([1, 2], second.Reports.Select(r => r.Sequence));
        var evidence = Assert.Single(second.Reports[0].Evidence);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), evidence.Sha256);
        Assert.Equal(pdf.Length, evidence.Size);
        Assert.Equal(70, second.Prefill!["progressPercent"]!.GetValue<int>());
        Assert.Equal("完成 5 个试点", second.Prefill!["done"]!.GetValue<string>());

        var tooBig = new ProgressReportInput(null, null, null, null, 150, null, TaskColour.Green, 11, [new EvidenceUpload("big.pdf", "application/pdf", new byte[21 * 1024 * 1024])]);
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.ReportProgressAsync(GuangdongStaff, taskId, tooBig));
        Assert.Equal(["confidence", "evidence[0].content", "progressPercent"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Tasks.GetAsync(GuangdongStaff, taskId)).Reports.Count);
    }

    [Fact]
    public async Task Reassign_WithinAgencyByLead_AcrossAgenciesByNdrcOnly()
    {
        await Engine.Services.GetRequiredService<Engine.Directory.UserStore>().SeedAsync(
            [new("guangdong.staff2", "guangdong", [Roles.AgencyStaff], null), new("hubei.staff", "hubei", [Roles.AgencyStaff], null)], "pw");
        await StartReportAsync();
        var taskId = (await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items[0].Id;

        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.ReassignAsync(GuangdongStaff, taskId, null, "guangdong.staff2"));
        var mine = await Tasks.ReassignAsync(GuangdongLead, taskId, null, "guangdong.staff2");
        Assert.Equal("guangdong.staff2", mine.Summary.AssigneeUser);
        Assert.Single((await Tasks.ListAsync(GuangdongStaff2, new TaskQuery(TaskViews.Mine))).Items);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.ReassignAsync(GuangdongLead, taskId, "hubei", null));
        var wrongAgency = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.ReassignAsync(GuangdongLead, taskId, null, "hubei.staff"));
        Assert.Contains("user", wrongAgency.Errors.Keys);

        await Tasks.ReassignAsync(NdrcPlanner, taskId, "hubei", null);

        Assert.Empty((await Tasks.ListAsync(GuangdongStaff, new TaskQuery())).Items);
        Assert.Single((await Tasks.ListAsync(HubeiStaff, new TaskQuery())).Items);
        var history = (await Tasks.GetAsync(HubeiStaff, taskId)).History;
        Assert.Equal(["Created", "Reassigned", "Reassigned"], history.Select(h => h.Action));
        Assert.Equal("ndrc.planner", history[^1].Actor);
    }
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Tests.Shared;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Tasks;

/// <summary>Lead and co-units on one task (主办/协办, docs/decisions/028) through the engine and the task service.</summary>
public sealed class CoUnitTests : EngineTest
{
    private static readonly Caller MiitStaff = new("miit.staff", "miit", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller MiitLead = new("miit.lead", "miit", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller MostStaff = new("most.staff", "most", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller NdaStaff = new("nda.staff", "nda", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller HubeiStaff = new("hubei.staff", "hubei", new HashSet<string> { Roles.AgencyStaff });

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    /// <summary>A report step led by MIIT with co-units (the lead's own agency among them is ignored), then a line the path writes.</summary>
    private async Task<InstanceView> StartAsync(string coUnits = "most,nda,miit", string? schema = null)
    {
        var report = A(
            "report",
            "AiPlus.HumanTask",
            ("title", Js("({ zh: '进度填报：' + getInput('task'), en: 'Progress report: ' + getInput('task') })", "Object")),
            ("assigneeAgency", Lit("miit")),
            ("kind", Lit("report")),
            ("outcomes", Lit("Submitted,Withdrawn")),
            ("dueAt", Lit("P10D")),
            ("coUnits", Js($"'{coUnits}'.split(',')", "Object")));
        if (schema is not null)
        {
            report["schema"] = Obj(schema);
        }

        await Engine.PublishAsync(Definition(
            "co-units",
            [report, WriteLineJs("submitted", "'submitted by ' + getLastResult().by"), WriteLine("withdrawn", "withdrawn")],
            ["report:Submitted->submitted", "report:Withdrawn->withdrawn"]));
        return await Engine.Runtime.StartAsync(new StartWorkflowRequest("co-units", new JsonObject { ["task"] = "T1" }));
    }

    private async Task<string> LeadTaskAsync() => Assert.Single((await Tasks.ListAsync(MiitStaff, new TaskQuery())).Items).Id;

    private async Task<string> PartOfAsync(Caller coUnit) => Assert.Single((await Tasks.ListAsync(coUnit, new TaskQuery())).Items).Id;

    [Fact]
    public async Task HumanTask_WithCoUnits_IssuesASubTaskToEachInTheSameBurst()
    {
        var instance = await StartAsync();

        var lead = await Tasks.GetAsync(MiitStaff, await LeadTaskAsync());
        Assert.Equal(["most", "nda"], lead.CoUnits.Select(c => c.Agency));
        Assert.All(lead.CoUnits, c => Assert.Equal((TaskState.Open, (int?)null), (c.State, c.ProgressPercent)));
        Assert.Null(lead.Parent);

        // Each co-unit finds its part in its own inbox: a contribution step with the standard report form, due with the lead's.
        var part = await Tasks.GetAsync(MostStaff, await PartOfAsync(MostStaff));
        Assert.Equal((StepKinds.Contribution, "most", "进度填报：T1"), (part.Summary.Kind, part.Summary.AgencyCode, part.Summary.Title));
        Assert.Equal(lead.Summary.DueAt, part.Summary.DueAt);
        Assert.Equal([TaskOutcomes.Submitted], part.Outcomes);
        Assert.Equal("integer", part.Schema!["properties"]!["progressPercent"]!["type"]!.GetValue<string>());
        Assert.Equal((lead.Summary.Id, "miit"), (part.Parent!.TaskId, part.Parent.LeadAgency));
        Assert.Empty((await Tasks.ListAsync(HubeiStaff, new TaskQuery())).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.GetAsync(HubeiStaff, part.Summary.Id));

        // One task row and one bookmark each, all committed with the start.
        var view = await Engine.Runtime.GetAsync(instance.Id);
        Assert.Equal(3, view.Bookmarks.Count);
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(3, await db.Outbox.CountAsync(o => o.InstanceId == instance.Id && o.Type == OutboxEventTypes.TaskCreated));
    }

    [Fact]
    public async Task CoUnitReports_RecordedWithoutCompletingTheLeadsStep_LeadSeesIt()
    {
        var instance = await StartAsync();
        var partId = await PartOfAsync(MostStaff);

        var reported = await Tasks.ReportProgressAsync(MostStaff, partId, new ProgressReportInput("完成算力调度部分", null, null, null, 60, null, TaskColour.Green, 8, []), submit: true);

        Assert.Equal(TaskState.Completed, reported.Summary.State);
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(instance.Id)).Status);
        Assert.Empty(await Engine.LinesAsync(instance.Id));
        var lead = await Tasks.GetAsync(MiitStaff, await LeadTaskAsync());
        Assert.Equal(TaskState.Open, lead.Summary.State);
        var most = lead.CoUnits.Single(c => c.Agency == "most");
        Assert.Equal((TaskState.Completed, "most.staff", (int?)60), (most.State, most.ReportedBy, most.ProgressPercent));
        Assert.Equal(TaskState.Open, lead.CoUnits.Single(c => c.Agency == "nda").State);
        var history = lead.History.Single(h => h.Action == "CoUnitReported");
        Assert.Equal(("most.staff", "most"), (history.Actor, history.Data!["agency"]!.GetValue<string>()));

        // The lead unit may read its co-unit's part, not act on it; the co-unit's report does not prefill the lead's.
        Assert.Equal("完成算力调度部分", (await Tasks.GetAsync(MiitStaff, partId)).Reports.Single(r => r.TaskId == partId).Done);
        Assert.Null(lead.Prefill);
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var events = await db.Outbox.Where(o => o.Type == OutboxEventTypes.TaskCoUnitReported).ToListAsync();
        var data = JsonNode.Parse(Assert.Single(events).Payload)!["data"]!;
        Assert.Equal((lead.Summary.Id, "miit", 60), (data["parentTaskId"]!.GetValue<string>(), data["leadAgency"]!.GetValue<string>(), data["progressPercent"]!.GetValue<int>()));
    }

    [Fact]
    public async Task LeadSubmits_WhileACoUnitIsOpen_IsAConflictNamingIt_UnlessTheLeadOverrides_ThenOpenPartsAreCancelled()
    {
        var instance = await StartAsync();
        var leadId = await LeadTaskAsync();
        await Tasks.ReportProgressAsync(MostStaff, await PartOfAsync(MostStaff), new ProgressReportInput("完成", null, null, null, 50, null, TaskColour.Green, 7, []), submit: true);
        var ndaPart = await PartOfAsync(NdaStaff);

        var gate = await Assert.ThrowsAsync<ConflictException>(() => Tasks.CompleteAsync(MiitStaff, leadId, "Submitted", ScenarioForms.Report(70)));
        Assert.Contains("nda", gate.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("most", gate.Message, StringComparison.Ordinal);
        var blank = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.CompleteAsync(MiitLead, leadId, "Submitted", ScenarioForms.Report(70), new CoUnitOverride(" ")));
        Assert.Equal(["coUnitOverride.reason"], blank.Errors.Keys);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CompleteAsync(MiitStaff, leadId, "Submitted", ScenarioForms.Report(70), new CoUnitOverride("等不及了")));

        var done = await Tasks.CompleteAsync(MiitLead, leadId, "Submitted", ScenarioForms.Report(70), new CoUnitOverride("国家数据局材料已线下报送"));

        Assert.Equal(TaskState.Completed, done.Summary.State);
        Assert.Equal(["submitted by miit.lead"], await Engine.LinesAsync(instance.Id));
        var overridden = done.History.Single(h => h.Action == "CoUnitsOverridden");
        Assert.Equal(("miit.lead", "国家数据局材料已线下报送", "nda"), (overridden.Actor, overridden.Data!["reason"]!.GetValue<string>(), overridden.Data["pending"]![0]!.GetValue<string>()));
        Assert.True(done.History.ToList().FindIndex(h => h.Action == "CoUnitsOverridden") < done.History.ToList().FindIndex(h => h.Action == "Completed"));
        var part = await Tasks.GetAsync(NdaStaff, ndaPart);
        Assert.Equal(TaskState.Cancelled, part.Summary.State);
        Assert.Equal("主办单位已提交", part.History.Single(h => h.Action == "Cancelled").Data!["reason"]!.GetValue<string>());
        Assert.Equal(TaskState.Completed, done.CoUnits.Single(c => c.Agency == "most").State);
        await Assert.ThrowsAsync<ConflictException>(() => Tasks.CompleteAsync(NdaStaff, ndaPart, "Submitted", ScenarioForms.Report(10)));
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var payload = JsonNode.Parse((await db.Outbox.SingleAsync(o => o.Type == OutboxEventTypes.TaskCoUnitsOverridden)).Payload)!["data"]!;
        Assert.Equal("国家数据局材料已线下报送", payload["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task LeadStepWithOtherOutcome_IsNotGated_AndCancelsTheOpenParts()
    {
        var instance = await StartAsync(coUnits: "most");
        var partId = await PartOfAsync(MostStaff);

        await Tasks.CompleteAsync(MiitStaff, await LeadTaskAsync(), "Withdrawn", null);

        Assert.Equal(["withdrawn"], await Engine.LinesAsync(instance.Id));
        Assert.Equal(TaskState.Cancelled, (await Tasks.GetAsync(MostStaff, partId)).Summary.State);
        Assert.Empty((await Engine.Runtime.GetAsync(instance.Id)).Bookmarks);
    }

    [Fact]
    public async Task CoUnits_OfAStepWithAForm_AnswerThatForm_AndAllReportedLetsTheLeadSubmit()
    {
        var instance = await StartAsync(coUnits: "most", schema: """{"type":"object","required":["measures"],"properties":{"measures":{"type":"string","minLength":1}}}""");
        var partId = await PartOfAsync(MostStaff);
        var bad = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.CompleteAsync(MostStaff, partId, "Submitted", new JsonObject()));
        Assert.Contains("data/measures", bad.Errors.Keys);

        await Tasks.CompleteAsync(MostStaff, partId, "Submitted", new JsonObject { ["measures"] = "科技部负责关键技术攻关" });
        await Tasks.CompleteAsync(MiitStaff, await LeadTaskAsync(), "Submitted", new JsonObject { ["measures"] = "汇总" });

        Assert.Equal(["submitted by miit.staff"], await Engine.LinesAsync(instance.Id));
        var lead = await Tasks.GetAsync(MiitStaff, (await Tasks.ListAsync(MiitStaff, new TaskQuery(TaskViews.All))).Items.Single().Id);
        Assert.DoesNotContain(lead.Reports, r => r.TaskId == partId);
        Assert.Equal("科技部负责关键技术攻关", (await Tasks.GetAsync(MiitStaff, partId)).Result!["measures"]!.GetValue<string>());
    }

    [Fact]
    public async Task InstanceCancelled_CancelsTheLeadsTaskAndItsParts()
    {
        var instance = await StartAsync(coUnits: "most");
        var partId = await PartOfAsync(MostStaff);

        await Engine.Runtime.CancelAsync(instance.Id);

        Assert.Equal(TaskState.Cancelled, (await Tasks.GetAsync(MostStaff, partId)).Summary.State);
        Assert.Equal(TaskState.Cancelled, (await Tasks.GetAsync(MiitStaff, (await Tasks.ListAsync(MiitStaff, new TaskQuery(TaskViews.All))).Items.Single().Id)).Summary.State);
    }
}

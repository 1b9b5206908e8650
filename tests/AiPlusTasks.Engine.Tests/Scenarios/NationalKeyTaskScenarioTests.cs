using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Scenarios;

/// <summary>
/// The AI+ breakdown end to end through the engine and the published <c>workflows/</c> files: a national key task
/// led by MIIT is broken down to two co-unit ministries and all 32 provinces; provinces report, the lead reviews and
/// returns, repeated returns and lateness escalate, and the parent's roll-ups follow the children as they close.
/// </summary>
public sealed class NationalKeyTaskScenarioTests : EngineTest
{
    private const string Correlation = "NKT-2026-001";
    private static readonly DateTimeOffset Due = EngineHost.Epoch.AddDays(20);
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });

    private TaskService Tasks => Engine.Services.GetRequiredService<TaskService>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishWorkflowFilesAsync();
    }

    [Fact]
    public async Task NationalKeyTask_BrokenDownToMinistriesAndAllProvinces_ReviewsEscalationsAndRollupsFollowTheWork()
    {
        // Start: MIIT leads, MOST and the NDA co-operate, no province list means all 32.
        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest(
            "national-key-task",
            new JsonObject
            {
                ["title"] = "人工智能+制造业试点 AI+ manufacturing pilots",
                ["pillar"] = "action.industry.manufacturing",
                ["leadAgency"] = "miit",
                ["coAgencies"] = new JsonArray("most", "nda"),
                ["dueAt"] = Due.ToString("O"),
                ["planId"] = "aiplus-2026",
            },
            Correlation));
        Assert.Equal(WorkflowStatus.Suspended, parent.Status);
        var leadRefine = Assert.Single((await Tasks.ListAsync(Staff("miit"), new TaskQuery())).Items);
        Assert.Equal(("task", 1, "action.industry.manufacturing"), (leadRefine.Kind, leadRefine.Priority, leadRefine.Pillar));

        // The co-unit ministries first contribute their parts of the measures (协办); then the lead submits.
        await Assert.ThrowsAsync<ConflictException>(() => Tasks.CompleteAsync(Staff("miit"), leadRefine.Id, "Submitted", new JsonObject { ["measures"] = "以中试基地为抓手 pilot bases first" }));
        foreach (var coUnit in (string[])["most", "nda"])
        {
            var part = Assert.Single((await Tasks.ListAsync(Staff(coUnit), new TaskQuery())).Items);
            Assert.Equal((StepKinds.Contribution, leadRefine.DueAt), (part.Kind, part.DueAt));
            await Tasks.CompleteAsync(Staff(coUnit), part.Id, "Submitted", new JsonObject { ["measures"] = coUnit + " 承担部分 its part" });
        }

        await Tasks.CompleteAsync(Staff("miit"), leadRefine.Id, "Submitted", new JsonObject { ["measures"] = "以中试基地为抓手 pilot bases first" });

        // Break-down: 34 children, each waiting on its agency's measures task.
        await Eventually.TrueAsync(async () => (await Tasks.ListAsync(NdrcPlanner, new TaskQuery(PageSize: 100))).TotalCount == 34, "34 first tasks");
        Assert.Equal(32, (await Engine.Runtime.ListAsync(new InstanceQuery("province-task", WorkflowStatus.Suspended, null, 1, 50))).TotalCount);
        Assert.Equal(2, (await Engine.Runtime.ListAsync(new InstanceQuery("ministry-task", WorkflowStatus.Suspended, null, 1, 50))).TotalCount);
        Assert.Single((await Engine.Runtime.ListAsync(new InstanceQuery("province-task", null, Correlation + ":bingtuan", 1, 5))).Items);
        var firstTasks = (await Tasks.ListAsync(NdrcPlanner, new TaskQuery(PageSize: 100))).Items;
        Assert.All(firstTasks, t => Assert.Equal(("task", "miit", TaskState.Open), (t.Kind, t.LeadAgencyCode, t.State)));
        Assert.Equal(34, firstTasks.Select(t => t.AgencyCode).Distinct().Count());

        var guangdongRefine = await OpenTaskAsync(Staff("guangdong"), "task", "guangdong");
        Assert.Contains("以中试基地为抓手", guangdongRefine.Description, StringComparison.Ordinal);
        Assert.Equal(EngineHost.Epoch.AddDays(15), guangdongRefine.Summary.DueAt);
        var hubeiInbox = (await Tasks.ListAsync(Staff("hubei"), new TaskQuery())).Items;
        Assert.Equal("hubei", Assert.Single(hubeiInbox).AgencyCode);
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.GetAsync(Staff("hubei"), guangdongRefine.Summary.Id));

        // Guangdong refines, reports with evidence and submits; the schema guards the report.
        await Tasks.CompleteAsync(Staff("guangdong"), guangdongRefine.Summary.Id, "Submitted", new JsonObject { ["measures"] = "广州、深圳先行 Guangzhou and Shenzhen first" });
        var report = await OpenTaskAsync(Staff("guangdong"), "report", "guangdong");
        Assert.Equal(((DateTimeOffset?)Due, TaskColour.Green, 0), (report.Summary.DueAt, report.Summary.Colour, report.Summary.ReturnCount));
        var withEvidence = await Tasks.ReportProgressAsync(Staff("guangdong"), report.Summary.Id, new ProgressReportInput(
            "完成 3 个试点", "扩大到 5 个", "算力不足", "协调算力", 40, null, TaskColour.Green, 7,
            [new EvidenceUpload("试点验收.pdf", "application/pdf", Encoding.UTF8.GetBytes("%PDF-1.7 广东 AI+ 制造 试点验收"))]));
        Assert.Single(Assert.Single(withEvidence.Reports).Evidence);
        var outOfRange = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.CompleteAsync(Staff("guangdong"), report.Summary.Id, "Submitted", ScenarioForms.Report(140)));
        Assert.Contains("data/progressPercent", outOfRange.Errors.Keys);
        var interim = (await Tasks.GetAsync(Staff("guangdong"), report.Summary.Id)).Prefill!;
        Assert.Equal("试点验收.pdf", interim["evidence"]![0]!["fileName"]!.GetValue<string>());
        await Tasks.CompleteAsync(Staff("guangdong"), report.Summary.Id, "Submitted", interim.DeepClone());

        // Guangdong's own lead signs it off first; a return inside the unit goes back to the report without counting.
        var signoff = await OpenTaskAsync(Lead("guangdong"), "signoff", "guangdong");
        Assert.Equal(["Approved", "Returned"], signoff.Outcomes);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CompleteAsync(Staff("guangdong"), signoff.Summary.Id, "Approved", null));
        var noReason = await Assert.ThrowsAsync<RequestValidationException>(() => Tasks.CompleteAsync(Lead("guangdong"), signoff.Summary.Id, "Returned", new JsonObject()));
        Assert.Equal(["data/reason"], noReason.Errors.Keys);
        await Tasks.CompleteAsync(Lead("guangdong"), signoff.Summary.Id, "Returned", new JsonObject { ["reason"] = "请补充算力缺口 add the compute gap" });
        report = await OpenTaskAsync(Staff("guangdong"), "report", "guangdong");
        Assert.Equal((0, TaskColour.Green, "请补充算力缺口 add the compute gap"), (report.Summary.ReturnCount, report.Summary.Colour, report.ReturnReason));
        Assert.Equal(("guangdong.lead", "signoff"), (report.Return!.By, report.Return.Step));
        Assert.Equal(40, report.Prefill!["progressPercent"]!.GetValue<int>());
        Assert.Single(report.Prefill!["evidence"]!.AsArray());
        await Tasks.CompleteAsync(Staff("guangdong"), report.Summary.Id, "Submitted", report.Prefill!.DeepClone());
        await SignOffAsync("guangdong");

        // The lead ministry's lead reviews (a joint review of one, which may abstain): two returns carry count, reason
        // and yellow to the next report.
        var review = await OpenTaskAsync(Lead("miit"), "review", "guangdong");
        Assert.Equal(["Approved", "Returned", "Abstained"], review.Outcomes);
        await Assert.ThrowsAsync<ForbiddenException>(() => Tasks.CompleteAsync(Staff("miit"), review.Summary.Id, "Approved", null));
        string[] reasons = ["缺少佐证材料 evidence missing", "进度与佐证不符 progress does not match the evidence"];
        for (var returns = 1; returns <= 2; returns++)
        {
            await Tasks.CompleteAsync(Lead("miit"), review.Summary.Id, "Returned", new JsonObject { ["reason"] = reasons[returns - 1] });
            report = await OpenTaskAsync(Staff("guangdong"), "report", "guangdong");
            Assert.Equal((returns, TaskColour.Yellow, 0), (report.Summary.ReturnCount, report.Summary.Colour, report.Summary.EscalationLevel));
            Assert.Equal(reasons[returns - 1], report.ReturnReason);
            await Tasks.CompleteAsync(Staff("guangdong"), report.Summary.Id, "Submitted", ScenarioForms.Report(40 + (10 * returns)));
            await SignOffAsync("guangdong");
            review = await OpenTaskAsync(Lead("miit"), "review", "guangdong");
        }

        // The third return escalates the returned report (督办单) before the fourth report is issued.
        var thirdReportId = report.Summary.Id;
        await Tasks.CompleteAsync(Lead("miit"), review.Summary.Id, "Returned", new JsonObject { ["reason"] = "仍缺少验收报告 still no acceptance report" });
        var escalated = await Tasks.GetAsync(Staff("guangdong"), thirdReportId);
        Assert.Equal(3, escalated.Summary.EscalationLevel);
        var escalation = Assert.Single(escalated.History, h => h.Action == "Escalated");
        Assert.Equal(("notice", 3), (escalation.Data!["action"]!.GetValue<string>(), escalation.Data!["level"]!.GetValue<int>()));
        report = await OpenTaskAsync(Staff("guangdong"), "report", "guangdong");
        Assert.Equal((3, TaskColour.Yellow), (report.Summary.ReturnCount, report.Summary.Colour));

        // Approved below 100%: guangdong waits for the next monthly period.
        await Tasks.CompleteAsync(Staff("guangdong"), report.Summary.Id, "Submitted", ScenarioForms.Report(60));
        await SignOffAsync("guangdong");
        review = await OpenTaskAsync(Lead("miit"), "review", "guangdong");
        await Tasks.CompleteAsync(Lead("miit"), review.Summary.Id, "Approved", new JsonObject { ["comment"] = "同意 agreed" });
        Assert.Empty((await Tasks.ListAsync(Staff("guangdong"), new TaskQuery())).Items);

        // Four provinces close (one verification rejected first) and a co-unit ministry closes with the NDRC.
        string[] closing = ["beijing", "shanghai", "zhejiang", "jiangsu"];
        foreach (var province in closing)
        {
            await DriveToClosureAsync(province, Lead("miit"), Lead("miit"), rejectFirst: province == "zhejiang");
        }

        await DriveToClosureAsync("nda", Lead("miit"), NdrcPlanner, rejectFirst: false);

        var provinces = await WaitForRollupAsync(parent.Id, "ProvinceRollup", finished: 4);
        Assert.Equal((32, 4, 0, 12.5), (provinces["total"]!.GetValue<int>(), provinces["finished"]!.GetValue<int>(), provinces["faulted"]!.GetValue<int>(), provinces["percent"]!.GetValue<double>()));
        Assert.Equal("Finished", provinces["agencies"]!["zhejiang"]!.GetValue<string>());
        Assert.Equal("Running", provinces["agencies"]!["guangdong"]!.GetValue<string>());
        var ministries = await WaitForRollupAsync(parent.Id, "MinistryRollup", finished: 1);
        Assert.Equal((2, 1, 50.0), (ministries["total"]!.GetValue<int>(), ministries["finished"]!.GetValue<int>(), ministries["percent"]!.GetValue<double>()));
        Assert.Equal("Finished", ministries["agencies"]!["nda"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Suspended, (await Engine.Runtime.GetAsync(parent.Id)).Status);
        var zhejiang = (await Engine.Runtime.ListAsync(new InstanceQuery("province-task", null, Correlation + ":zhejiang", 1, 5))).Items[0];
        Assert.Equal("closed", (await Engine.Runtime.GetAsync(zhejiang.Id)).Output["status"]!.GetValue<string>());

        // Hubei never reports: its report climbs the default ladder under fake time.
        var hubeiRefine = await OpenTaskAsync(Staff("hubei"), "task", "hubei");
        await Tasks.CompleteAsync(Staff("hubei"), hubeiRefine.Summary.Id, "Submitted", new JsonObject { ["measures"] = "武汉先行 Wuhan first" });
        var late = (await OpenTaskAsync(Staff("hubei"), "report", "hubei")).Summary.Id;
        Assert.Equal(TaskColour.Blue, (await AtLevelAsync(late, Due.AddDays(-3).AddHours(1), 1)).Colour);
        Assert.Equal(TaskColour.Red, (await AtLevelAsync(late, Due.AddHours(1), 2)).Colour);
        Assert.Single((await Tasks.ListAsync(Staff("hubei"), new TaskQuery(TaskViews.Overdue))).Items);
        Assert.Empty((await Tasks.ListAsync(Staff("guangdong"), new TaskQuery())).Items);
        Assert.Equal(TaskColour.Red, (await AtLevelAsync(late, Due.AddDays(7).AddHours(2), 3)).Colour);

        // Meanwhile the next monthly period (1 February, 09:00 China time) reissued guangdong's report, prefilled from the approved one.
        var nextPeriod = await OpenTaskAsync(Staff("guangdong"), "report", "guangdong");
        Assert.NotNull(nextPeriod.Prefill);
        Assert.InRange(nextPeriod.Summary.CreatedAt, new DateTimeOffset(2026, 2, 1, 1, 0, 0, TimeSpan.Zero), Due.AddDays(7).AddHours(2));
        Assert.Equal((0, 60), (nextPeriod.Summary.ReturnCount, nextPeriod.Prefill!["progressPercent"]!.GetValue<int>()));

        Assert.Equal(TaskColour.Red, (await AtLevelAsync(late, Due.AddDays(14).AddHours(2), 4)).Colour);
        var ladder = await Tasks.GetAsync(Staff("hubei"), late);
        Assert.Equal(["reminder", "urge", "notice", "interview"], ladder.History.Where(h => h.Action == "Escalated").Select(h => h.Data!["action"]!.GetValue<string>()));
        Assert.Equal(["Blue", "Red"], ladder.History.Where(h => h.Action == "ColourChanged").Select(h => h.Data!["to"]!.GetValue<string>()));

    }

    [Fact]
    public async Task NationalKeyTask_EveryChildClosed_RollupOutputThenNdrcRejectsRectifiesAndCloses()
    {
        var parent = await Engine.Runtime.StartAsync(new StartWorkflowRequest(
            "national-key-task",
            new JsonObject
            {
                ["title"] = "人工智能+交通 AI+ transport",
                ["pillar"] = "action.industry.services",
                ["leadAgency"] = "mot",
                ["coAgencies"] = new JsonArray("nda"),
                ["provinces"] = new JsonArray("hainan"),
                ["dueAt"] = Due.ToString("O"),
            },
            Correlation));
        // The lead does not wait for its co-unit's part: its lead submits with a reason, and the part is cancelled.
        await Tasks.CompleteAsync(
            Lead("mot"), (await Tasks.ListAsync(Staff("mot"), new TaskQuery())).Items[0].Id, "Submitted", new JsonObject { ["measures"] = "车路云一体化 vehicle-road-cloud" },
            new CoUnitOverride("数据部分已在部际会议上商定 agreed at the inter-ministry meeting"));
        Assert.Equal(TaskState.Cancelled, Assert.Single((await Tasks.ListAsync(Staff("nda"), new TaskQuery(TaskViews.All))).Items, t => t.Kind == StepKinds.Contribution).State);

        await DriveToClosureAsync("hainan", Lead("mot"), Lead("mot"), rejectFirst: false);
        await DriveToClosureAsync("nda", Lead("mot"), NdrcPlanner, rejectFirst: false);

        var verification = await WaitForTaskAsync(NdrcPlanner, t => t.Kind == "verification" && t.AgencyCode == "ndrc" && t.Title.Contains("国家重点任务", StringComparison.Ordinal));
        var rollup = (await Engine.Runtime.GetAsync(parent.Id)).Output["rollup"]!;
        Assert.Equal((2, 2, 100.0), (rollup["total"]!.GetValue<int>(), rollup["finished"]!.GetValue<int>(), rollup["percent"]!.GetValue<double>()));
        Assert.Equal((1, 1), (rollup["ministries"]!["finished"]!.GetValue<int>(), rollup["provinces"]!["total"]!.GetValue<int>()));
        var verificationView = await Tasks.GetAsync(NdrcPlanner, verification.Id);
        Assert.Equal("已销号：参与部委 1/1，省级单位 1/1", verificationView.Description);
        Assert.Equal("Closed: co-unit ministries 1/1, provinces 1/1", verificationView.DescriptionEn);

        await Tasks.CompleteAsync(NdrcPlanner, verification.Id, "Rejected", new JsonObject { ["method"] = "unannounced", ["reason"] = "暗访发现试点未运行 pilots found idle" });
        var rectify = await WaitForTaskAsync(Staff("mot"), t => t.Kind == "task" && t.ReturnCount == 1);
        Assert.Equal("暗访发现试点未运行 pilots found idle", (await Tasks.GetAsync(Staff("mot"), rectify.Id)).ReturnReason);
        await Tasks.CompleteAsync(Staff("mot"), rectify.Id, "Submitted", new JsonObject { ["rectification"] = "试点恢复运行 pilots running again" });
        verification = await WaitForTaskAsync(NdrcPlanner, t => t.Kind == "verification" && t.AgencyCode == "ndrc" && t.State == TaskState.Open);
        await Tasks.CompleteAsync(NdrcPlanner, verification.Id, "Closed", new JsonObject { ["method"] = "site" });

        var closed = await Engine.Runtime.GetAsync(parent.Id);
        Assert.Equal(WorkflowStatus.Finished, closed.Status);
        Assert.Equal("closed", closed.Output["status"]!.GetValue<string>());
    }

    /// <summary>One child: refine → report 100% → approved by the lead → closure request → verification (rejected once when asked) → closed.</summary>
    private async Task DriveToClosureAsync(string agency, Caller reviewer, Caller verifier, bool rejectFirst)
    {
        var staff = Staff(agency);
        await Tasks.CompleteAsync(staff, (await OpenTaskAsync(staff, "task", agency)).Summary.Id, "Submitted", new JsonObject { ["measures"] = agency + " 细化举措 measures" });
        await Tasks.CompleteAsync(staff, (await OpenTaskAsync(staff, "report", agency)).Summary.Id, "Submitted", ScenarioForms.Report(100));
        await SignOffAsync(agency);
        await Tasks.CompleteAsync(reviewer, (await OpenTaskAsync(reviewer, "review", agency)).Summary.Id, "Approved", new JsonObject());
        var closure = new JsonObject { ["summary"] = "试点全部建成 all pilots built", ["evidence"] = "验收报告 acceptance report No. 2026-" + agency };
        await Tasks.CompleteAsync(staff, (await OpenTaskAsync(staff, "closure", agency)).Summary.Id, "Submitted", closure);
        var verification = await OpenTaskAsync(verifier, "verification", agency);
        await Assert.ThrowsAsync<NotFoundException>(() => Tasks.CompleteAsync(staff, verification.Summary.Id, "Verified", new JsonObject { ["method"] = "desk" }));
        if (rejectFirst)
        {
            await Tasks.CompleteAsync(verifier, verification.Summary.Id, "Rejected", new JsonObject { ["method"] = "site", ["reason"] = "实地核验不符 site visit disagrees" });
            var again = await OpenTaskAsync(staff, "closure", agency);
            Assert.Equal((1, "实地核验不符 site visit disagrees"), (again.Summary.ReturnCount, again.ReturnReason));
            await Tasks.CompleteAsync(staff, again.Summary.Id, "Submitted", (JsonObject)closure.DeepClone());
            verification = await OpenTaskAsync(verifier, "verification", agency);
        }

        await Tasks.CompleteAsync(verifier, verification.Summary.Id, "Verified", new JsonObject { ["method"] = "site" });
    }

    /// <summary>The unit's own lead signs the submitted report off (本单位签发).</summary>
    private async Task SignOffAsync(string agency) =>
        await Tasks.CompleteAsync(Lead(agency), (await OpenTaskAsync(Lead(agency), "signoff", agency)).Summary.Id, "Approved", new JsonObject { ["opinion"] = "同意报送 send it up" });

    /// <summary>The open task of a kind for one child (by its correlation id), as the caller sees it; waits for it to appear.</summary>
    private async Task<TaskView> OpenTaskAsync(Caller caller, string kind, string agency)
    {
        var correlation = $"{Correlation}:{agency}";
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var inbox = await Tasks.ListAsync(caller, new TaskQuery(Agency: caller.AgencyCode, PageSize: 100));
            foreach (var summary in inbox.Items.Where(t => t.Kind == kind))
            {
                var view = await Tasks.GetAsync(caller, summary.Id);
                if (view.CorrelationId == correlation)
                {
                    return view;
                }
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"{caller.Name} has no open {kind} task for {agency}");
    }

    /// <summary>The first open task matching <paramref name="match"/> in the caller's own agency; waits for it to appear.</summary>
    private async Task<TaskSummary> WaitForTaskAsync(Caller caller, Func<TaskSummary, bool> match)
    {
        TaskSummary? found = null;
        await Eventually.TrueAsync(
            async () => (found = (await Tasks.ListAsync(caller, new TaskQuery(Agency: caller.AgencyCode, PageSize: 100))).Items.FirstOrDefault(match)) is not null,
            $"a matching task for {caller.Name}");
        return found!;
    }

    /// <summary>Moves fake time and waits until the task's escalation level is reached.</summary>
    private async Task<TaskSummary> AtLevelAsync(string taskId, DateTimeOffset at, int level)
    {
        Engine.Time.SetUtcNow(at);
        for (var attempt = 0; attempt < 400; attempt++)
        {
            var summary = (await Tasks.GetAsync(NdrcPlanner, taskId)).Summary;
            if (summary.EscalationLevel == level)
            {
                return summary;
            }

            await Task.Delay(25);
        }

        throw new Xunit.Sdk.XunitException($"task {taskId} did not reach escalation level {level} at {at:O}");
    }

    private async Task<JsonNode> WaitForRollupAsync(string instanceId, string variable, int finished)
    {
        JsonNode? rollup = null;
        await Eventually.TrueAsync(
            async () =>
            {
                rollup = (await Engine.Runtime.GetAsync(instanceId)).Variables[variable];
                return rollup?["finished"]?.GetValue<int>() == finished;
            },
            $"{variable}.finished = {finished}");
        return rollup!;
    }

    private static Caller Staff(string agency) => new($"{agency}.staff", agency, new HashSet<string> { Roles.AgencyStaff });

    private static Caller Lead(string agency) => new($"{agency}.lead", agency, new HashSet<string> { Roles.AgencyLead });
}

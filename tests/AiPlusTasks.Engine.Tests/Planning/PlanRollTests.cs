using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Scheduling;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Engine.Tests.Planning;

public sealed class PlanRollTests : EngineTest
{
    private const string PlanId = "test-plan";
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly FailingCommit _failingCommit = new();

    private PlanService Plans => Engine.Services.GetRequiredService<PlanService>();

    internal override Task<EngineHost> StartEngineAsync() =>
        EngineHost.StartAsync(configure: s => s.AddSingleton<IInterceptor>(_failingCommit));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Engine.PublishAsync(Definition("plan-work", [Event("wait", "never")], []));
        await Engine.PublishAsync(Definition("plan-done", [WriteLine("done", "done")], []));
        await Engine.PublishWorkflowFilesAsync();
        await Plans.SeedAsync(new PlanSeed(PlanId, "测试计划", null, new JsonObject { ["milestones"] = new JsonArray(2027, 2030) }, new PlanContent
        {
            Period = "2026-Q1",
            PilotCap = 2,
            Tasks =
            [
                Task("A", "2026-Q1", "2026-03-15", "plan-work"),
                Task("B", "2026-Q2", "2026-06-15", "plan-done"),
                Task("C", "2026-Q3", "2026-12-15", "plan-work"),
            ],
            Scenarios =
            [
                new PlanScenario { Key = "S1", Title = "工业质检", Pillar = "action.industry", Potential = [5, 4, 5], Maturity = [4, 3, 4], Leverage = [4, 4, 5], CandidateProvinces = ["guangdong", "jiangsu", "zhejiang"] },
                new PlanScenario { Key = "S2", Title = "自动驾驶", Pillar = "action.industry", Potential = [5, 5, 5], Maturity = [1, 2, 1], Leverage = [5, 5, 5], CandidateProvinces = ["hebei"] },
            ],
        }));
    }

    private static PlanTask Task(string key, string period, string due, string workflow) => new()
    {
        Key = key,
        Code = $"{period}-{key}",
        Title = $"任务 {key}",
        Pillar = "action.industry",
        LeadAgency = "miit",
        CoAgencies = ["most"],
        Provinces = ["guangdong"],
        Period = period,
        BaselineDue = DateTimeOffset.Parse(due + "T23:59:59+08:00", System.Globalization.CultureInfo.InvariantCulture),
        Workflow = workflow,
    };

    private async Task<PlanVersionView> WaitForPeriodAsync(string period)
    {
        PlanVersionView? current = null;
        await Eventually.TrueAsync(async () => (current = (await Plans.GetAsync(PlanId)).Current!).Period == period, $"plan to reach {period}", TimeSpan.FromSeconds(20));
        return current!;
    }

    private async Task AdvanceToAsync(Period period)
    {
        Engine.Time.SetUtcNow(period.Start(China).AddMinutes(1));
        await WaitForPeriodAsync(period.ToString());
    }

    [Fact]
    public async Task ScheduledRoll_CommitFails_IsTriedAgainAfterFiveMinutesInsteadOfStoppingThePlan()
    {
        // Arrange: the quarter's roll fires while every commit fails.
        await Engine.Services.GetRequiredService<PlanCalendar>().StartAsync(PlanId, CancellationToken.None);
        var scheduler = await Engine.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var trigger = new Quartz.TriggerKey(PlanId, PlanCalendar.TriggerGroup);
        _failingCommit.Armed = true;
        Engine.Time.SetUtcNow(new Period(2026, 2).Start(China).AddMinutes(1));
        await Eventually.TrueAsync(async () => (await scheduler.GetTrigger(trigger))?.JobDataMap.GetValueOrDefault(PlanRollJob.PeriodKey) as string == "2026-Q2", "a retry of the failed roll to be scheduled");
        _failingCommit.Armed = false;
        Assert.Equal("2026-Q1", (await Plans.GetAsync(PlanId)).Current!.Period);

        // Act
        Engine.Time.Advance(PlanRollJob.RetryDelay + TimeSpan.FromMinutes(1));

        // Assert
        await WaitForPeriodAsync("2026-Q2");
    }

    [Fact]
    public async Task FourQuarters_UnderFakeTimeWithQuartz_CommitCarryOverAndOpenTheThirdCarryOverDecision()
    {
        await Engine.Services.GetRequiredService<PlanCalendar>().StartAsync(PlanId, CancellationToken.None);

        await AdvanceToAsync(new Period(2026, 2));
        var v2 = (await Plans.GetAsync(PlanId)).Current!;
        Assert.Equal(2, v2.Number);
        Assert.All(v2.Content.Tasks.Where(t => t.Key is "A" or "B"), t => Assert.Equal(PlanTaskStatus.Active, t.Status));
        Assert.Equal(WindowZone.Firm, v2.Content.Tasks.Single(t => t.Key == "C").Zone);
        Assert.Equal(["2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1"], v2.Content.Window.Select(w => w.Period));

        // B's workflow finishes on its own (background work); the next roll must see it done, so wait for it.
        await Engine.WaitForStatusAsync(v2.Content.Tasks.Single(t => t.Key == "B").InstanceId!, WorkflowStatus.Finished);
        await AdvanceToAsync(new Period(2026, 3));
        await AdvanceToAsync(new Period(2026, 4));
        await AdvanceToAsync(new Period(2027, 1));

        var versions = await Plans.ListVersionsAsync(PlanId, 1, 10);
        Assert.Equal(["2027-Q1", "2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"], versions.Items.Select(v => v.Period));
        Assert.Equal([4, 3, 2, 1, null], versions.Items.Select(v => v.ParentNumber));
        var a = versions.Items[0].Content.Tasks.Single(t => t.Key == "A");
        Assert.Equal(3, a.CarryOverCount);
        Assert.Equal(Task("A", "2026-Q1", "2026-03-15", "plan-work").BaselineDue, a.BaselineDue);
        Assert.Null(a.ForecastDue);
        Assert.NotEqual(TaskColour.Green, a.Colour);
        Assert.NotNull(a.DecisionInstanceId);
        Assert.DoesNotContain(versions.Items[0].Content.Tasks, t => t.Key == "B");

        // The decision reaches miit's lead; cancelling with a reason removes the task at the next roll.
        var tasks = Engine.Services.GetRequiredService<TaskService>();
        var lead = new Caller("miit.lead", "miit", new HashSet<string> { Roles.AgencyLead });
        TaskSummary? decision = null;
        await Eventually.TrueAsync(async () => (decision = (await tasks.ListAsync(lead, new TaskQuery())).Items.FirstOrDefault(t => t.Kind == "decision")) is not null, "the carry-over decision task", TimeSpan.FromSeconds(6));
        Assert.NotNull(decision);
        await tasks.CompleteAsync(lead, decision.Id, "Cancel", new JsonObject { ["reason"] = "并入 2027 年新任务 merged into a 2027 task" });
        await Engine.WaitForStatusAsync(a.DecisionInstanceId!, WorkflowStatus.Finished);
        var v6 = await Plans.RollAsync(PlanId, "2027-Q2", "ndrc.planner");
        var removed = Assert.Single(await Plans.GetDiffAsync(PlanId, v6.Number, null), c => c.TaskKey == "A" && c.Kind == "Removed");
        Assert.Contains("merged into a 2027 task", removed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissedRolls_WhileDown_RunOnceAtStartUp()
    {
        Engine.Time.SetUtcNow(new Period(2026, 3).Start(China).AddDays(10));

        await Engine.Services.GetRequiredService<PlanCalendar>().StartAsync(PlanId, CancellationToken.None);
        await Engine.Services.GetRequiredService<PlanCalendar>().StartAsync(PlanId, CancellationToken.None);

        var versions = await Plans.ListVersionsAsync(PlanId, 1, 10);
        Assert.Equal(["2026-Q3", "2026-Q1"], versions.Items.Select(v => v.Period));
        Assert.Equal("catch-up", versions.Items[0].CreatedBy);
    }

    [Fact]
    public async Task Diff_KeyedByTask_ShowsCommitCompletionCarryOverAndZones_AndFiltersByAgency()
    {
        var v2 = await Plans.RollAsync(PlanId, "2026-Q2", "test");
        await WaitForFinishedAsync("plan-done");
        Engine.Time.SetUtcNow(new Period(2026, 2).Start(China).AddDays(1));
        var v3 = await Plans.RollAsync(PlanId, "2026-Q3", "test");

        var d2 = await Plans.GetDiffAsync(PlanId, v2.Number, null);
        Assert.Contains(d2, c => c.TaskKey == "A" && c.Kind == "Committed");
        Assert.Contains(d2, c => c.TaskKey == "B" && c.Kind == "Committed");
        Assert.Contains(d2, c => c.TaskKey == "C" && c.Kind == "ZoneChanged" && c.Old == "Indicative" && c.New == "Firm");
        var d3 = await Plans.GetDiffAsync(PlanId, v3.Number, null);
        Assert.Contains(d3, c => c.TaskKey == "B" && c.Kind == "Removed" && c.Reason == "Completed");
        Assert.Contains(d3, c => c.TaskKey == "A" && c.Kind == "CarriedOver" && c.New == "1");
        Assert.Contains(d3, c => c.TaskKey == "A" && c.Kind == "ColourChanged" && c.New == "Yellow");
        Assert.Contains(d3, c => c.TaskKey == "C" && c.Kind == "Committed");
        Assert.Equal(d3.Count, (await Plans.GetDiffAsync(PlanId, v3.Number, "guangdong")).Count);
        Assert.Empty(await Plans.GetDiffAsync(PlanId, v3.Number, "hubei"));
        Assert.Equal(v3.ChangeCount, d3.Count);
        Assert.Contains(v3.Steps, s => s.Step == "carry-over" && s.Count == 1);

        // A task never leaves a version without a recorded reason.
        var v2Keys = v2.Content.Tasks.Select(t => t.Key).ToHashSet();
        var v3Keys = v3.Content.Tasks.Select(t => t.Key).ToHashSet();
        foreach (var gone in v2Keys.Except(v3Keys))
        {
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(d3, c => c.TaskKey == gone && c.Kind == "Removed").Reason));
        }

        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.Outbox.Where(o => o.Type == "plan.version.published").ToListAsync(), o => JsonNode.Parse(o.Payload)!["data"]!["version"]!.GetValue<int>() == v3.Number);
    }

    [Fact]
    public async Task Roll_SamePeriodTwiceAndConcurrently_GivesOneVersion()
    {
        var first = await Plans.RollAsync(PlanId, "2026-Q2", "one");
        var again = await Plans.RollAsync(PlanId, "2026-Q2", "two");
        Engine.Time.SetUtcNow(new Period(2026, 2).Start(China).AddDays(1));
        var concurrent = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(0, 6).Select(i => System.Threading.Tasks.Task.Run(() => Plans.RollAsync(PlanId, "2026-Q3", $"racer{i}"))));

        Assert.Equal(first.Number, again.Number);
        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.Single(concurrent.Select(v => v.Number).Distinct());
        var versions = await Plans.ListVersionsAsync(PlanId, 1, 10);
        Assert.Equal(3, versions.TotalCount);
        await using var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Instances.CountAsync(i => i.CorrelationId == PlanId + ":C"));
        await Assert.ThrowsAsync<ConflictException>(() => Plans.RollAsync(PlanId, "2025-Q4", "late"));
        var tooFar = await Assert.ThrowsAsync<RequestValidationException>(() => Plans.RollAsync(PlanId, "2027-Q1", "eager"));
        Assert.Contains("period", tooFar.Errors.Keys);
    }

    [Fact]
    public async Task Roll_InterruptedBeforeCommit_LeavesTheOldVersionAndNoWorkflows()
    {
        _failingCommit.Armed = true;
        await Assert.ThrowsAsync<IOException>(() => Plans.RollAsync(PlanId, "2026-Q2", "crash"));
        _failingCommit.Armed = false;

        var plan = await Plans.GetAsync(PlanId);
        Assert.Equal(1, plan.Summary.CurrentVersion);
        Assert.Equal(1, (await Plans.ListVersionsAsync(PlanId, 1, 10)).TotalCount);
        await using (var db = await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(0, await db.Instances.CountAsync(i => i.CorrelationId!.StartsWith(PlanId)));
            Assert.Equal(0, await db.WorkItems.CountAsync());
        }

        var v2 = await Plans.RollAsync(PlanId, "2026-Q2", "retry");
        Assert.Equal(2, v2.Number);
        Assert.All(v2.Content.Tasks.Where(t => t.Status == PlanTaskStatus.Active), t => Assert.NotNull(t.InstanceId));
    }

    [Fact]
    public async Task Amend_StaticLayer_IsNumberedAndKept_RollsDoNotTouchIt()
    {
        await Assert.ThrowsAsync<RequestValidationException>(() => Plans.AmendAsync(PlanId, [], " ", null, "ndrc.planner"));

        var amended = await Plans.AmendAsync(PlanId, new JsonObject { ["milestones"] = new JsonArray(2027, 2030, 2035) }, "2035 远景目标 vision added", "发改高技〔2026〕1号", "ndrc.planner");
        await Plans.RollAsync(PlanId, "2026-Q2", "test");

        Assert.Equal(2, amended.Number);
        var plan = await Plans.GetAsync(PlanId);
        Assert.Equal(2, plan.Summary.Amendment);
        Assert.Equal(3, plan.Static!["milestones"]!.AsArray().Count);
        var history = await Plans.ListAmendmentsAsync(PlanId);
        Assert.Equal([1, 2], history.Select(a => a.Number));
        Assert.Equal(2, history[0].Static!["milestones"]!.AsArray().Count);
        Assert.Equal("发改高技〔2026〕1号", history[1].DocumentNumber);
    }

    [Fact]
    public async Task ColourRules_InForce_ReachTheTasksOfCommittedWork()
    {
        var rules = new ColourRules { BlueWithin = TimeSpan.FromDays(20) };
        await Plans.SeedAsync(new PlanSeed("colour-plan", "颜色规则", null, [], new PlanContent
        {
            Period = "2026-Q1",
            ColourRules = rules,
            Tasks = [Task("K", "2026-Q1", "2026-12-31", "national-key-task") with { Provinces = ["hubei"] }],
        }));

        var v2 = await Plans.RollAsync("colour-plan", "2026-Q2", "test");

        Assert.Equal(rules, v2.Content.ColourRules);
        var tasks = Engine.Services.GetRequiredService<TaskService>();
        var miit = new Caller("miit.staff", "miit", new HashSet<string> { Roles.AgencyStaff });
        TaskSummary? refine = null;
        await Eventually.TrueAsync(
            async () =>
            {
                var page = await tasks.ListAsync(miit, new TaskQuery(PlanId: "colour-plan"));
                refine = page.Items.Count > 0 ? page.Items[0] : null;
                return refine is not null;
            },
            "the refine task of the committed work",
            TimeSpan.FromSeconds(6));

        // Due in 15 days: green by the default 3-day rule, blue by this plan's 20-day rule.
        Assert.NotNull(refine);
        Assert.Equal(TaskColour.Blue, refine.Colour);
    }

    [Fact]
    public void Score_MediansSpreadsGatesAndPilotCap()
    {
        PlanScenario[] scenarios =
        [
            new() { Key = "ok", Title = "ok", Pillar = "p", Potential = [5, 3, 4], Maturity = [4, 2, 3, 5], Leverage = [1, 5, 3], CandidateProvinces = ["a", "b", "c", "d", "e", "f", "g"] },
            new() { Key = "immature", Title = "immature", Pillar = "p", Potential = [5, 5, 5], Maturity = [1, 1, 2], Leverage = [5, 5, 5], CandidateProvinces = ["a"] },
            new() { Key = "risky", Title = "risky", Pillar = "p", Potential = [5, 5, 5], Maturity = [5, 5, 5], Leverage = [5, 5, 5], OpenRedRisk = true, CandidateProvinces = ["a"] },
        ];

        var scores = PlanRoller.Score(scenarios, new ScoringWeights(), pilotCap: 5);

        var ok = scores[0];
        Assert.Equal("ok", ok.Key);
        Assert.Equal((4, 3.5, 3), (ok.PotentialMedian, ok.MaturityMedian, ok.LeverageMedian));
        Assert.Equal((2, 3, 4), (ok.PotentialSpread, ok.MaturitySpread, ok.LeverageSpread));
        Assert.Equal(Math.Round(Math.Pow(4, 0.4) * Math.Pow(3.5, 0.3) * Math.Pow(3, 0.3), 3), ok.Weighted);
        Assert.Equal(["a", "b", "c", "d", "e"], ok.SelectedProvinces);
        Assert.Equal(["f", "g"], ok.WaitingProvinces);
        Assert.Equal("maturity below 2", scores.Single(s => s.Key == "immature").GateReason);
        Assert.Equal("open red risk", scores.Single(s => s.Key == "risky").GateReason);
        Assert.All(scores.Where(s => !s.Selectable), s => Assert.Empty(s.SelectedProvinces));
    }

    private async Task WaitForFinishedAsync(string definitionId) =>
        await Eventually.TrueAsync(
            async () => (await Engine.Runtime.ListAsync(new InstanceQuery(definitionId, WorkflowStatus.Finished, null, 1, 10))).TotalCount > 0,
            $"a finished {definitionId} instance",
            TimeSpan.FromSeconds(6));
}

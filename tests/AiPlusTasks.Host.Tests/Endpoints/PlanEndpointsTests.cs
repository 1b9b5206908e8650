using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// The plan routes on the plan as seeded from <c>workflows/plans/ai-plus-2025-2027.json</c> (one version, 2026-Q4), and
/// the roll requests that must be refused without rolling anything. The real clock is in 2026-Q4, so the calendar
/// does not roll the plan on start-up.
/// </summary>
public sealed class PlanEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string PlanId = PlanRollFixture.PlanId;
    private const string Plans = "/api/plans";
    private static readonly string Plan = $"{Plans}/{PlanId}";

    private readonly HttpClient _planner = factory.CreateClientFor("ndrc.planner");

    [Theory]
    [InlineData("ndrc.planner")]
    [InlineData("ndrc.supervisor")]
    [InlineData("ndrc.auditor")]
    public async Task ListPlans_NdrcStaffOrAuditor_ListsSeededPlanAtVersion1In2026Q4(string username)
    {
        // Arrange
        var client = factory.CreateClientFor(username);

        // Act
        var plans = (await client.GetJsonAsync(Plans))["items"]!.AsArray();

        // Assert
        var plan = Assert.Single(plans, p => p!["id"].Str() == PlanId)!;
        Assert.Equal((1, "2026-Q4", "0 0 1 1,4,7,10 *", 1), (plan["currentVersion"].Int(), plan["currentPeriod"].Str(), plan["cadence"].Str(), plan["amendment"].Int()));
        Assert.Contains("2025–2027", plan["name"].Str(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("guangdong.staff", "/api/plans")]
    [InlineData("guangdong.lead", "/api/plans/ai-plus-2025-2027")]
    [InlineData("miit.lead", "/api/plans/ai-plus-2025-2027/versions")]
    [InlineData("miit.staff", "/api/plans/ai-plus-2025-2027/versions/1/diff?agency=miit")]
    [InlineData("guangdong.lead", "/api/plans/ai-plus-2025-2027/amendments")]
    public async Task PlanRoutes_AgencyUser_Returns403(string username, string path)
    {
        // Act: plans are NDRC staff's and auditors' (as the /plans page has it); agencies see their tasks in the inbox.
        var response = await factory.CreateClientFor(username).GetRawAsync(path);

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetPlan_SeededPlan_ReturnsStaticLayerAndCurrentVersion()
    {
        // Act
        var plan = await factory.CreateClientFor("ndrc.auditor").GetJsonAsync(Plan);

        // Assert: the static layer as the plan file gives it.
        Assert.Equal((PlanId, 1, "2026-Q4"), (plan["summary"]!["id"].Str(), plan["summary"]!["currentVersion"].Int(), plan["summary"]!["currentPeriod"].Str()));
        var layer = plan["static"]!;
        Assert.Equal([2027, 2030], layer["milestones"]!.AsArray().Select(m => m!["year"].Int()));
        var pillars = layer["pillars"]!.AsArray().Select(p => p.Str()).ToList();
        Assert.Equal(14, pillars.Count);
        Assert.Equal(14, pillars.Distinct().Count());
        Assert.Contains("action.industry", pillars);
        Assert.Contains("support.security", pillars);

        // The current version: number 1 of 2026-Q4, seeded, no parent, with its window and twelve planned tasks.
        var current = plan["current"]!;
        Assert.Equal((1, "2026-Q4", "seed"), (current["number"].Int(), current["period"].Str(), current["createdBy"].Str()));
        Assert.Null(current["parentNumber"]);
        Assert.Matches("^[0-9a-f]{64}$", current["contentHash"].Str());
        Assert.Equal(12, current["changeCount"].Int());
        var content = current["content"]!;
        Assert.Equal("2026-Q4", content["period"].Str());
        Assert.Equal(
            [("2026-Q4", "Committed"), ("2027-Q1", "Firm"), ("2027-Q2", "Indicative"), ("2027-Q3", "Indicative")],
            content["window"]!.AsArray().Select(w => (w!["period"].Str(), w["zone"].Str())));
        var tasks = content["tasks"]!.AsArray();
        Assert.Equal([.. Enumerable.Range(1, 12).Select(i => $"KT-{i:00}")], tasks.Select(t => t!["key"].Str()));
        Assert.All(tasks, t => Assert.Equal(("Planned", null), (t!["status"].Str(), t["instanceId"]?.GetValue<string>())));
        Assert.Equal(5, content["pilotCap"].Int());
    }

    [Fact]
    public async Task GetPlan_SeededPlan_TaskZonesFollowTheWindow()
    {
        // Act
        var tasks = (await _planner.GetJsonAsync(Plan))["current"]!["content"]!["tasks"]!.AsArray();

        // Assert: a task's zone is the zone of its planned period in the 2026-Q4 window.
        var zones = new Dictionary<string, string> { ["2026-Q4"] = "Committed", ["2027-Q1"] = "Firm", ["2027-Q2"] = "Indicative", ["2027-Q3"] = "Indicative" };
        Assert.All(tasks, t => Assert.Equal(zones[t!["period"].Str()], t["zone"].Str()));
        Assert.Equal(["KT-01", "KT-02", "KT-05", "KT-09"], tasks.Where(t => t!["zone"].Str() == "Committed").Select(t => t!["key"].Str()));
    }

    [Fact]
    public async Task GetPlan_SeededPlan_ScoresFourScenariosWithGatesAndPilotCap()
    {
        // Act
        var scores = (await _planner.GetJsonAsync(Plan))["current"]!["content"]!["scores"]!.AsArray().Select(s => s!).ToList();

        // Assert: selectable first, then by weighted score (SC-04, gated on risk, outscores SC-03, gated on maturity); gated ones select nobody.
        Assert.Equal(["SC-01", "SC-02", "SC-04", "SC-03"], scores.Select(s => s["key"].Str()));
        var byKey = scores.ToDictionary(s => s["key"].Str());
        Assert.Equal((false, "maturity below 2"), (byKey["SC-03"]["selectable"]!.GetValue<bool>(), byKey["SC-03"]["gateReason"].Str()));
        Assert.Equal((false, "open red risk"), (byKey["SC-04"]["selectable"]!.GetValue<bool>(), byKey["SC-04"]["gateReason"].Str()));
        Assert.Empty(byKey["SC-03"]["selectedProvinces"]!.AsArray());
        Assert.Equal(["beijing", "shanghai"], byKey["SC-04"]["waitingProvinces"]!.AsArray().Select(p => p.Str()));
        var sc01 = byKey["SC-01"];
        Assert.True(sc01["selectable"]!.GetValue<bool>());
        Assert.Null(sc01["gateReason"]);
        Assert.Equal(["guangdong", "jiangsu", "zhejiang", "shandong", "hubei"], sc01["selectedProvinces"]!.AsArray().Select(p => p.Str()));
        Assert.Equal(["anhui", "sichuan"], sc01["waitingProvinces"]!.AsArray().Select(p => p.Str()));
        Assert.Equal((5.0, 4.0, 4.0), (sc01["potentialMedian"]!.GetValue<double>(), sc01["maturityMedian"]!.GetValue<double>(), sc01["leverageMedian"]!.GetValue<double>()));
        Assert.Equal(3, byKey["SC-02"]["selectedProvinces"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetPlanDiff_SeedVersion_AddsEveryTask()
    {
        // Act
        var diff = (await _planner.GetJsonAsync($"{Plan}/versions/1/diff"))["items"]!.AsArray();

        // Assert
        Assert.Equal(12, diff.Count);
        Assert.All(diff, c => Assert.Equal("Added", c!["kind"].Str()));
        Assert.Equal(["KT-02", "KT-04", "KT-07", "KT-10"], (await _planner.GetJsonAsync($"{Plan}/versions/1/diff?agency=guangdong"))["items"]!.AsArray().Select(c => c!["taskKey"].Str()));
    }

    [Theory]
    [InlineData(Plans)]
    [InlineData("/api/plans/ai-plus-2025-2027")]
    [InlineData("/api/plans/ai-plus-2025-2027/versions")]
    [InlineData("/api/plans/ai-plus-2025-2027/versions/1/diff")]
    public async Task PlanRoutes_Anonymous_Returns401(string path)
    {
        // Arrange
        using var anonymous = factory.CreateClient();

        // Act
        var response = await anonymous.GetRawAsync(path);

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RollPlan_Anonymous_Returns401()
    {
        // Arrange
        using var anonymous = factory.CreateClient();

        // Act
        var response = await anonymous.PostAsJsonAsync($"{Plan}/roll", new { period = "2027-Q1" });

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/plans/no-such-plan")]
    [InlineData("/api/plans/no-such-plan/versions")]
    [InlineData("/api/plans/no-such-plan/versions/1")]
    [InlineData("/api/plans/no-such-plan/versions/1/diff")]
    [InlineData("/api/plans/ai-plus-2025-2027/versions/99")]
    [InlineData("/api/plans/ai-plus-2025-2027/versions/99/diff")]
    public async Task PlanRoutes_UnknownPlanOrVersion_Returns404(string path)
    {
        // Act
        var response = await _planner.GetRawAsync(path);

        // Assert
        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ndrc.supervisor")]
    [InlineData("guangdong.staff")]
    public async Task RollPlan_NotAnNdrcPlanner_Returns403AndRollsNothing(string username)
    {
        // Arrange
        var client = factory.CreateClientFor(username);

        // Act
        var response = await client.PostAsJsonAsync($"{Plan}/roll", new { period = "2027-Q1" });

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(1, (await _planner.GetJsonAsync($"{Plan}/versions"))["totalCount"].Int());
    }

    [Theory]
    [InlineData("2027-13")]
    [InlineData("soon")]
    [InlineData("2027-Q5")]
    [InlineData("2027-q1")]
    [InlineData("")]
    [InlineData("9999-Q4")]
    [InlineData("2027-Q2")]
    public async Task RollPlan_MalformedOrTooFarAheadPeriod_Returns400NamingPeriod(string period)
    {
        // Act
        var response = await _planner.PostAsJsonAsync($"{Plan}/roll", new { period });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["period"], problem.ErrorKeys());
        Assert.Contains(period, problem.ErrorText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollPlan_PeriodBeforeLatest_Returns409()
    {
        // Act
        var response = await _planner.PostAsJsonAsync($"{Plan}/roll", new { period = "2026-Q3" });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Contains("2026-Q4", problem["detail"].Str(), StringComparison.Ordinal);
        Assert.Equal(1, (await _planner.GetJsonAsync($"{Plan}/versions"))["totalCount"].Int());
    }

    [Fact]
    public async Task RollPlan_UnknownPlan_Returns404()
    {
        // Act
        var response = await _planner.PostAsJsonAsync("/api/plans/no-such-plan/roll", new { period = "2027-Q1" });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("no-such-plan", problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollPlan_NoPeriodInCurrentQuarter_ReturnsTheExistingVersion()
    {
        // Act: no period means the current quarter (2026-Q4 by the real clock), which the seed already made.
        var version = await (await _planner.PostJsonTextAsync($"{Plan}/roll", "{}")).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal((1, "2026-Q4", "seed"), (version["number"].Int(), version["period"].Str(), version["createdBy"].Str()));
        Assert.Equal(1, (await _planner.GetJsonAsync($"{Plan}/versions"))["totalCount"].Int());
    }
}

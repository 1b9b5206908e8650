using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// Rolling the seeded plan by hand over HTTP: 2026-Q4 (seed, version 1) → 2027-Q1 (version 2) → 2027-Q2 (version 3, four
/// concurrent POSTs); the versions, the diff with its agency filter, and the breakdown workflows the roll starts.
/// </summary>
public sealed class PlanRollEndpointsTests(PlanRollFixture fixture) : IClassFixture<PlanRollFixture>
{
    private static readonly string Plan = $"/api/plans/{PlanRollFixture.PlanId}";

    /// <summary>The tasks planned for 2026-Q4 or 2027-Q1 in the plan file: the ones the roll to 2027-Q1 commits.</summary>
    private static readonly string[] CommittedByQ1 = ["KT-01", "KT-02", "KT-03", "KT-04", "KT-05", "KT-07", "KT-09", "KT-10", "KT-12"];

    /// <summary>Planned for 2027-Q1: Firm in the 2026-Q4 window, Committed in the 2027-Q1 one.</summary>
    private static readonly string[] PlannedForQ1 = ["KT-03", "KT-04", "KT-07", "KT-10", "KT-12"];

    /// <summary>Planned for 2027-Q2: Indicative in the 2026-Q4 window, Firm in the 2027-Q1 one.</summary>
    private static readonly string[] PlannedForQ2 = ["KT-06", "KT-08"];

    private readonly HttpClient _planner = fixture.CreateClientFor("ndrc.planner");

    [Fact]
    public async Task RollPlan_AsPlannerToNextQuarter_Returns200Version2WithStepCounts()
    {
        // Act
        var version = (await fixture.RollToFirstPeriodAsync()).Ok();

        // Assert
        Assert.Equal((PlanRollFixture.PlanId, 2, 1, "2027-Q1", "ndrc.planner"), (version["planId"].Str(), version["number"].Int(), version["parentNumber"].Int(), version["period"].Str(), version["createdBy"].Str()));
        Assert.Matches("^[0-9a-f]{64}$", version["contentHash"].Str());
        var steps = version["steps"]!.AsArray().Select(s => (s!["step"].Str(), s["count"].Int())).ToList();
        Assert.Equal(
            [("snapshot", 0), ("decisions", 0), ("carry-over", 0), ("scoring", 4), ("window", 9), ("start", 9), ("diff", 16)],
            steps);
        Assert.Equal(16, version["changeCount"].Int());
        var content = version["content"]!;
        Assert.Equal(
            [("2027-Q1", "Committed"), ("2027-Q2", "Firm"), ("2027-Q3", "Indicative"), ("2027-Q4", "Indicative")],
            content["window"]!.AsArray().Select(w => (w!["period"].Str(), w["zone"].Str())));
        var tasks = content["tasks"]!.AsArray().Select(t => t!).ToList();
        Assert.Equal(12, tasks.Count);
        Assert.Equal(CommittedByQ1, tasks.Where(t => t["status"].Str() == "Active").Select(t => t["key"].Str()));
        Assert.All(tasks, t => Assert.Equal(t["status"].Str() == "Active", t["instanceId"]?.GetValue<string>() is { Length: > 0 }));
    }

    [Fact]
    public async Task RollPlan_SamePeriodAgain_ReturnsSameNumberAndHash()
    {
        // Arrange
        var first = (await fixture.RollToFirstPeriodAsync()).Ok();

        // Act
        var again = await (await _planner.PostAsJsonAsync(PlanRollFixture.RollUri, new { period = PlanRollFixture.FirstRollPeriod })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        Assert.Equal((first["number"].Int(), first["contentHash"].Str()), (again["number"].Int(), again["contentHash"].Str()));
        // The roll's own response carries the clock's full precision; the stored one (read again) has SQLite's coarser ticks.
        Assert.Equal(Time(first["createdAt"]), Time(again["createdAt"]), TimeSpan.FromMilliseconds(1));
        Assert.Equal(
            first["content"]!["tasks"]!.AsArray().Select(t => t!["instanceId"]?.GetValue<string>()),
            again["content"]!["tasks"]!.AsArray().Select(t => t!["instanceId"]?.GetValue<string>()));
    }

    [Fact]
    public async Task RollPlan_FourConcurrentPostsForOnePeriod_AllReturnVersion3()
    {
        // Act
        var rolled = await fixture.RollConcurrentlyAsync();

        // Assert
        var versions = rolled.Select(r => r.Ok()).ToList();
        Assert.Equal(PlanRollFixture.ConcurrentPosts, versions.Count);
        Assert.All(versions, v => Assert.Equal((3, 2, "2027-Q2"), (v["number"].Int(), v["parentNumber"].Int(), v["period"].Str())));
        Assert.Single(versions.Select(v => v["contentHash"].Str()).Distinct());
        var list = await _planner.GetJsonAsync($"{Plan}/versions");
        Assert.Equal(3, list["totalCount"].Int());
        Assert.Single(list["items"]!.AsArray(), v => v!["period"].Str() == "2027-Q2");
    }

    [Fact]
    public async Task RollPlan_ThirdVersion_CarriesOverTheTaskDueBeforeTheQuarterAndCommitsQ2Tasks()
    {
        // Arrange
        await fixture.RollConcurrentlyAsync();

        // Act
        var version = await _planner.GetJsonAsync($"{Plan}/versions/3");
        var diff = (await _planner.GetJsonAsync($"{Plan}/versions/3/diff"))["items"]!.AsArray().Select(c => c!).ToList();

        // Assert: KT-01 was due 2027-03-31, before 2027-Q2 starts; nine tasks were active, two more are committed.
        var steps = version["steps"]!.AsArray().ToDictionary(s => s!["step"].Str(), s => s!["count"].Int());
        Assert.Equal((9, 1, 2, 11), (steps["snapshot"], steps["carry-over"], steps["start"], steps["window"]));
        var carried = Assert.Single(diff, c => c["kind"].Str() == "CarriedOver");
        Assert.Equal(("KT-01", "0", "1"), (carried["taskKey"].Str(), carried["old"].Str(), carried["new"].Str()));
        Assert.Contains(diff, c => c["taskKey"].Str() == "KT-01" && c["kind"].Str() == "ColourChanged" && c["new"].Str() == "Yellow");
        Assert.Equal(PlannedForQ2, diff.Where(c => c["kind"].Str() == "Committed").Select(c => c["taskKey"].Str()));
        var kt01 = Assert.Single(version["content"]!["tasks"]!.AsArray(), t => t!["key"].Str() == "KT-01")!;
        Assert.Equal((1, "Yellow", "Active"), (kt01["carryOverCount"].Int(), kt01["colour"].Str(), kt01["status"].Str()));
        Assert.Equal(version["changeCount"].Int(), diff.Count);
    }

    [Fact]
    public async Task ListPlanVersions_AfterRolls_PagesNewestFirst()
    {
        // Arrange
        await fixture.RollConcurrentlyAsync();

        // Act
        var first = await _planner.GetJsonAsync($"{Plan}/versions?pageSize=2");
        var second = await _planner.GetJsonAsync($"{Plan}/versions?pageSize=2&page=2");

        // Assert
        Assert.Equal((3, 1, 2), (first["totalCount"].Int(), first["pageNumber"].Int(), first["pageSize"].Int()));
        Assert.Equal([(3, "2027-Q2"), (2, "2027-Q1")], first["items"]!.AsArray().Select(v => (v!["number"].Int(), v["period"].Str())));
        Assert.Equal([(1, "2026-Q4")], second["items"]!.AsArray().Select(v => (v!["number"].Int(), v["period"].Str())));
        Assert.Equal(3, second["totalCount"].Int());
    }

    [Fact]
    public async Task ListPlans_AfterRolls_ShowsTheLatestVersionAsCurrent()
    {
        // Arrange
        await fixture.RollConcurrentlyAsync();

        // Act
        var plans = (await fixture.CreateClientFor("ndrc.auditor").GetJsonAsync("/api/plans"))["items"]!.AsArray();
        var plan = await _planner.GetJsonAsync(Plan);

        // Assert
        var summary = Assert.Single(plans, p => p!["id"].Str() == PlanRollFixture.PlanId)!;
        Assert.Equal((3, "2027-Q2"), (summary["currentVersion"].Int(), summary["currentPeriod"].Str()));
        Assert.Equal((3, "2027-Q2"), (plan["current"]!["number"].Int(), plan["current"]!["period"].Str()));
    }

    [Fact]
    public async Task RollPlan_PeriodBeforeLatest_Returns409()
    {
        // Arrange
        await fixture.RollToFirstPeriodAsync();

        // Act
        var response = await _planner.PostAsJsonAsync(PlanRollFixture.RollUri, new { period = "2026-Q3" });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GetPlanVersion_Number2_ReturnsTheRolledVersion()
    {
        // Arrange
        var rolled = (await fixture.RollToFirstPeriodAsync()).Ok();

        // Act
        var version = await fixture.CreateClientFor("ndrc.supervisor").GetJsonAsync($"{Plan}/versions/2");

        // Assert
        Assert.Equal((2, 1, "2027-Q1"), (version["number"].Int(), version["parentNumber"].Int(), version["period"].Str()));
        Assert.Equal(rolled["contentHash"].Str(), version["contentHash"].Str());
        Assert.Equal(rolled["steps"]!.ToJsonString(), version["steps"]!.ToJsonString());
        Assert.Equal(rolled["content"]!.ToJsonString(), version["content"]!.ToJsonString());
    }

    [Fact]
    public async Task GetPlanVersion_UnknownNumber_Returns404()
    {
        // Arrange
        await fixture.RollToFirstPeriodAsync();

        // Act
        var response = await _planner.GetRawAsync($"{Plan}/versions/99");

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("99", problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPlanDiff_Version2_CommitsTasksPlannedByQ1AndMovesZones()
    {
        // Arrange
        await fixture.RollToFirstPeriodAsync();

        // Act
        var diff = (await _planner.GetJsonAsync($"{Plan}/versions/2/diff"))["items"]!.AsArray().Select(c => c!).ToList();

        // Assert
        Assert.Equal(16, diff.Count);
        Assert.Equal(CommittedByQ1, diff.Where(c => c["kind"].Str() == "Committed").Select(c => c["taskKey"].Str()));
        var zones = diff.Where(c => c["kind"].Str() == "ZoneChanged").ToList();
        Assert.Equal([.. PlannedForQ1, .. PlannedForQ2], zones.Select(c => c["taskKey"].Str()).OrderBy(k => PlannedForQ2.Contains(k)).ThenBy(k => k, StringComparer.Ordinal));
        Assert.All(zones, c => Assert.Equal("zone", c["field"].Str()));
        Assert.All(zones.Where(c => PlannedForQ1.Contains(c["taskKey"].Str())), c => Assert.Equal(("Firm", "Committed"), (c["old"].Str(), c["new"].Str())));
        Assert.All(zones.Where(c => PlannedForQ2.Contains(c["taskKey"].Str())), c => Assert.Equal(("Indicative", "Firm"), (c["old"].Str(), c["new"].Str())));
        Assert.DoesNotContain(diff, c => c["taskKey"].Str() == "KT-11");
        Assert.All(diff.Where(c => c["kind"].Str() == "Removed"), c => Assert.False(string.IsNullOrWhiteSpace(c["reason"]?.GetValue<string>())));
        var kt02 = Assert.Single(diff, c => c["taskKey"].Str() == "KT-02")["agencies"]!.AsArray().Select(a => a.Str());
        Assert.Equal(["miit", "nda", "most", "guangdong", "jiangsu", "zhejiang", "shandong", "hubei"], kt02);
    }

    [Theory]
    [InlineData("guangdong", new[] { "KT-02", "KT-04", "KT-07", "KT-10" })] // KT-07 has no province list: it cascades to all 32
    [InlineData("hubei", new[] { "KT-02", "KT-06", "KT-07" })] // KT-11 (hubei) is unchanged until 2027-Q2
    [InlineData("miit", new[] { "KT-02", "KT-03", "KT-04", "KT-09", "KT-10", "KT-12" })] // lead or co-unit; a ministry is not in *provinces
    [InlineData("xinjiang", new[] { "KT-07" })]
    public async Task GetPlanDiff_AgencyFilter_KeepsOnlyChangesConcerningThatAgency(string agency, string[] expectedTasks)
    {
        // Arrange
        await fixture.RollToFirstPeriodAsync();
        var all = (await _planner.GetJsonAsync($"{Plan}/versions/2/diff"))["items"]!.AsArray().Select(c => c!).ToList();

        // Act
        var filtered = (await fixture.CreateClientFor("ndrc.supervisor").GetJsonAsync($"{Plan}/versions/2/diff?agency={agency}"))["items"]!.AsArray().Select(c => c!).ToList();

        // Assert
        Assert.Equal(expectedTasks, filtered.Select(c => c["taskKey"].Str()).Distinct());
        Assert.All(filtered, c => Assert.True(
            c["agencies"]!.AsArray().Any(a => a.Str() == agency || a.Str() == "*provinces"),
            $"{c.ToJsonString()} does not concern {agency}"));
        var expected = all.Where(c => expectedTasks.Contains(c["taskKey"].Str())).Select(c => c.ToJsonString());
        Assert.Equal(expected, filtered.Select(c => c.ToJsonString()));
    }

    [Fact]
    public async Task GetPlanDiff_UnknownAgency_ReturnsNothing()
    {
        // Arrange
        await fixture.RollToFirstPeriodAsync();

        // Act
        var filtered = (await _planner.GetJsonAsync($"{Plan}/versions/2/diff?agency=atlantis"))["items"]!.AsArray();

        // Assert
        Assert.Empty(filtered);
    }

    [Fact]
    public async Task ListInstances_AfterRoll_OneNationalKeyTaskPerCommittedTask()
    {
        // Arrange
        var tasks = (await fixture.RollToFirstPeriodAsync()).Ok()["content"]!["tasks"]!.AsArray()
            .Where(t => t!["status"].Str() == "Active")
            .ToDictionary(t => t!["key"].Str(), t => t!["instanceId"].Str());

        // Act: starts are background work, so wait briefly for every instance to have run to its first wait.
        foreach (var (key, instanceId) in tasks)
        {
            var correlationId = $"{PlanRollFixture.PlanId}:{key}";
            JsonArray items = [];
            await Eventually.TrueAsync(
                async () =>
                {
                    items = (await _planner.GetJsonAsync($"{HttpApi.Instances}?definitionId=national-key-task&correlationId={Uri.EscapeDataString(correlationId)}"))["items"]!.AsArray();
                    return items.Count > 0 && items.All(i => i!["status"].Str() != "Running");
                },
                $"the national-key-task instance of {key}");

            // Assert
            var instance = Assert.Single(items)!;
            Assert.Equal((instanceId, correlationId, "national-key-task"), (instance["id"].Str(), instance["correlationId"].Str(), instance["definitionId"].Str()));
            Assert.Equal("Suspended", instance["status"].Str()); // waiting for the lead agency to refine the task
        }

        Assert.Equal(CommittedByQ1, tasks.Keys.Order(StringComparer.Ordinal));
        var planned = await _planner.GetJsonAsync($"{HttpApi.Instances}?definitionId=national-key-task&correlationId={PlanRollFixture.PlanId}:KT-11");
        Assert.Equal(0, planned["totalCount"].Int());
    }

    [Fact]
    public async Task ListInstances_AfterConcurrentRolls_OneInstancePerNewlyCommittedTask()
    {
        // Arrange: the four racing POSTs each tried to start KT-06 and KT-08; only the committed roll may have.
        var version = (await fixture.RollConcurrentlyAsync())[0].Ok();
        var started = version["content"]!["tasks"]!.AsArray().Where(t => PlannedForQ2.Contains(t!["key"].Str())).ToDictionary(t => t!["key"].Str(), t => t!["instanceId"].Str());

        foreach (var key in PlannedForQ2)
        {
            // Act
            var items = (await _planner.GetJsonAsync($"{HttpApi.Instances}?definitionId=national-key-task&correlationId={PlanRollFixture.PlanId}:{key}"))["items"]!.AsArray();

            // Assert
            Assert.Equal(started[key], Assert.Single(items)!["id"].Str());
        }
    }

    private static DateTimeOffset Time(JsonNode? node) => node!.GetValue<DateTimeOffset>();
}

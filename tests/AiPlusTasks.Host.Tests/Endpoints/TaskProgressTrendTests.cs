using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>GET /api/tasks/progress-trend</c>: average key-task progress at the end of each China Standard Time week, per pillar or
/// per plan, for NDRC only. Tasks are filed under a plan id of their own so other tests' tasks never count.
/// </summary>
public sealed class TaskProgressTrendTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task GetProgressTrend_TasksReportedOverThreeWeeks_AveragesTheLatestReportAtEachCstWeekEnd()
    {
        // Arrange: week A starts on the next Monday (CST); the clock moves through weeks A, B and C.
        var plan = $"trend-{Guid.NewGuid():N}";
        var weekA = NextCstMonday(factory.Time.GetUtcNow());
        SetClock(weekA.AddHours(9));
        var industry = await StartTaskAsync(plan, "action.industry");
        var manufacturing = await StartTaskAsync(plan, "action.industry.manufacturing");
        await ReportAsync(industry, 40);
        SetClock(weekA.AddDays(7).AddMinutes(-30)); // Sunday 23:30 CST: still week A
        await ReportAsync(manufacturing, 10);
        SetClock(weekA.AddDays(7).AddHours(2)); // Monday 02:00 CST (Sunday in UTC): week B
        await ReportAsync(manufacturing, 30);
        await ReportAsync(industry, 60);
        var compute = await StartTaskAsync(plan, "support.compute");
        await ReportAsync(compute, 50);
        SetClock(weekA.AddDays(9));
        await ReportAsync(manufacturing, 50);
        SetClock(weekA.AddDays(14).AddHours(9)); // week C
        await (await _planner.TaskActionAsync(industry, "complete", new { outcome = "Submitted", data = new { progress = 100 } })).ExpectAsync(HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromHours(1));

        // Act
        var byPlan = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?groupBy=plan&plan={plan}&weeks=4");
        var byPillar = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?groupBy=pillar&plan={plan}&weeks=4");
        var lastWeek = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?groupBy=plan&plan={plan}&weeks=1");
        var onePillar = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?plan={plan}&pillar=support.compute&weeks=4");

        // Assert: week A holds the Sunday-night report but not the Monday-02:00 one; completion keeps the last report (60).
        Assert.Equal("plan", byPlan["groupBy"].Str());
        Assert.Equal([weekA.AddDays(-7), weekA, weekA.AddDays(7), weekA.AddDays(14)], Weeks(byPlan));
        Assert.All(Weeks(byPlan), w => Assert.Equal(Cst, w.Offset));
        var planSeries = Assert.Single(byPlan["series"]!.AsArray())!;
        Assert.Equal(plan, planSeries["key"].Str());
        Assert.Equal(plan, planSeries["nameZh"].Str()); // no such plan record: named by its id
        Assert.Equal([null, 25.0, 53.3, 53.3], Averages(planSeries));
        Assert.Equal([0, 2, 3, 3], Counts(planSeries));

        Assert.Equal(["action.industry", "support.compute"], byPillar["series"]!.AsArray().Select(s => s!["key"].Str()));
        var industrySeries = byPillar["series"]![0]!;
        Assert.Equal("Industry development", industrySeries["nameEn"].Str());
        Assert.Equal([null, 25.0, 55.0, 55.0], Averages(industrySeries));
        Assert.Equal([0, 2, 2, 2], Counts(industrySeries));
        Assert.Equal([null, null, 50.0, 50.0], Averages(byPillar["series"]![1]!));

        // The one-week window starts after every report but the completion: each task's latest earlier report counts.
        Assert.Equal([weekA.AddDays(14)], Weeks(lastWeek));
        Assert.Equal([53.3], Averages(Assert.Single(lastWeek["series"]!.AsArray())!));

        Assert.Equal("pillar", onePillar["groupBy"].Str());
        Assert.Equal(["support.compute"], onePillar["series"]!.AsArray().Select(s => s!["key"].Str()));
    }

    [Fact]
    public async Task GetProgressTrend_SeededPlan_NamesTheSeriesByThePlansName()
    {
        // Arrange
        var plan = await _planner.GetJsonAsync("/api/plans/ai-plus-2025-2027");
        await StartTaskAsync("ai-plus-2025-2027", "action.science");

        // Act
        var trend = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?groupBy=plan&plan=ai-plus-2025-2027");

        // Assert: the default window is 12 weeks ending with the current one.
        Assert.Equal(12, Weeks(trend).Count);
        var series = Assert.Single(trend["series"]!.AsArray())!;
        Assert.Equal(plan["summary"]!["name"].Str(), series["nameZh"].Str());
        Assert.True(Counts(series)[^1] >= 1);
    }

    [Theory]
    [InlineData("guangdong.staff")]
    [InlineData("guangdong.lead")]
    public async Task GetProgressTrend_AgencyUser_Forbidden(string user)
    {
        var response = await factory.CreateClientFor(user).GetRawAsync($"{HttpApi.Tasks}/progress-trend");

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("weeks=0", "weeks")]
    [InlineData("weeks=53", "weeks")]
    [InlineData("weeks=many", "weeks")]
    [InlineData("groupBy=agency", "groupBy")]
    [InlineData("pillar=action.nowhere", "pillar")]
    public async Task GetProgressTrend_BadParameter_Returns400NamingIt(string query, string field)
    {
        var response = await _planner.GetRawAsync($"{HttpApi.Tasks}/progress-trend?{query}");

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
    }

    /// <summary>Moves the host's clock forward to an instant (kept in UTC, as the host's clock always is).</summary>
    private void SetClock(DateTimeOffset instant) => factory.Time.SetUtcNow(instant.ToUniversalTime());

    /// <summary>The first Monday 00:00 China Standard Time after <paramref name="now"/>.</summary>
    private static DateTimeOffset NextCstMonday(DateTimeOffset now)
    {
        var local = now.ToOffset(Cst);
        var days = ((int)DayOfWeek.Monday - (int)local.DayOfWeek + 7) % 7;
        return new DateTimeOffset(local.Date.AddDays(days == 0 ? 7 : days), Cst);
    }

    /// <summary>Starts the human-task fixture with its task filed under a plan and a catalog code; returns the task id.</summary>
    private async Task<string> StartTaskAsync(string plan, string pillar)
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "planId", plan)
            .WithLiteral("report1", "pillar", pillar);
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var instance = await _planner.StartAsync(definitionId);
        return Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
    }

    private async Task ReportAsync(string taskId, int percent) =>
        await (await _planner.TaskActionAsync(taskId, "progress-reports", ScenarioForms.Report(percent))).ExpectAsync(HttpStatusCode.OK);

    private static List<DateTimeOffset> Weeks(JsonNode trend) =>
        [.. trend["weeks"]!.AsArray().Select(w => DateTimeOffset.Parse(w.Str(), CultureInfo.InvariantCulture))];

    private static List<double?> Averages(JsonNode series) =>
        [.. series["average"]!.AsArray().Select(a => a?.GetValue<double>())];

    private static List<int> Counts(JsonNode series) =>
        [.. series["tasks"]!.AsArray().Select(c => c.Int())];
}

using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// <c>GET /api/tasks/progress-trend</c>: average key-task progress at the end of each China Standard Time week, per pillar or
/// per plan, for NDRC only; the dashboard's figure and trend and the agency page read it through the same service. A key
/// task is one agency's instance of work on a pillar, at its latest progress report, 0 before the first (ADR 033); the
/// figure is checked against SQL written here over the host's own SQLite file. Tasks are filed under a plan id of their
/// own so other tests' tasks never count.
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
    [InlineData("agency=%20", "agency")]
    public async Task GetProgressTrend_BadParameter_Returns400NamingIt(string query, string field)
    {
        var response = await _planner.GetRawAsync($"{HttpApi.Tasks}/progress-trend?{query}");

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
    }

    [Fact]
    public async Task GetProgressTrend_KeyTasksReportedOverThreeWeeks_EqualsTheAverageOfTheLatestReportsInSql()
    {
        // Arrange: five key tasks in three pillars, started on a Monday (CST); the clock moves through weeks A, B and C.
        var plan = $"kt-{Guid.NewGuid():N}";
        var weekA = NextCstMonday(factory.Time.GetUtcNow());
        SetClock(weekA.AddHours(9));
        var guangdong = await StartAgencyTaskAsync("province-task", "guangdong", "action.industry", plan);
        var miit = await StartAgencyTaskAsync("ministry-task", "miit", "action.industry", plan);
        var hubei = await StartAgencyTaskAsync("province-task", "hubei", "support.compute", plan);
        await StartAgencyTaskAsync("province-task", "sichuan", "support.compute", plan); // never reports: counts as 0

        // A national key task led by MOST fans out to hainan once refined: its own instance is not counted again, the
        // province's instance is (and has no report yet).
        await _planner.StartAsync("national-key-task", $"{plan}-science", new JsonObject
        {
            ["title"] = "人工智能+科研范式试点",
            ["pillar"] = "action.science",
            ["leadAgency"] = "most",
            ["coAgencies"] = new JsonArray(),
            ["provinces"] = new JsonArray("hainan"),
            ["planId"] = plan,
            ["dueAt"] = weekA.AddDays(120).ToString("O", CultureInfo.InvariantCulture),
        });
        var most = factory.CreateClientFor("most.staff");
        var mostRefine = await OpenTaskAsync(most, "task", plan);
        await (await most.TaskActionAsync(mostRefine, "claim")).ExpectAsync(HttpStatusCode.OK);
        await most.CompleteTaskAsync(mostRefine, "Submitted", new JsonObject { ["measures"] = "先在海南开展试点" });
        await OpenTaskAsync(factory.CreateClientFor("hainan.staff"), "task", plan);

        // Week A: the refine steps are completed (they are steps, not key tasks: they never count as 100).
        var guangdongReport = await RefineAsync("guangdong", guangdong, plan);
        var miitReport = await RefineAsync("miit", miit, plan);
        await ReportAsAgencyAsync("guangdong", guangdongReport, 20);
        await ReportAsAgencyAsync("miit", miitReport, 30);
        SetClock(weekA.AddDays(7).AddHours(10)); // week B
        await ReportAsAgencyAsync("guangdong", guangdongReport, 45);
        var hubeiReport = await RefineAsync("hubei", hubei, plan);
        await ReportAsAgencyAsync("hubei", hubeiReport, 50);
        SetClock(weekA.AddDays(14).AddHours(10)); // week C: two reports from guangdong, the later one counts
        await ReportAsAgencyAsync("miit", miitReport, 60);
        await ReportAsAgencyAsync("guangdong", guangdongReport, 50);
        factory.Time.Advance(TimeSpan.FromHours(2));
        await ReportAsAgencyAsync("guangdong", guangdongReport, 55);

        // Act: the dashboard's figure is the current week; the trend the four weeks up to it.
        var now = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?plan={plan}&weeks=1");
        var history = await _planner.GetJsonAsync($"{HttpApi.Tasks}/progress-trend?plan={plan}&weeks=4");

        // Assert: overall and per pillar equal the SQL's average of each key task's latest report (0 without one).
        var expected = await LatestReportAveragesAsync(plan);
        Assert.Equal(5, expected.Sum(p => p.Value.KeyTasks));
        Assert.Equal([Math.Round(expected.Values.Sum(p => p.Average * p.KeyTasks) / 5, 1)], Doubles(now["overall"]));
        Assert.Equal([5], Ints(now["keyTasks"]));
        Assert.Equal(["action.science", "action.industry", "support.compute"], now["series"]!.AsArray().Select(s => s!["key"].Str()));
        foreach (var series in now["series"]!.AsArray())
        {
            var (average, keyTasks) = expected[series!["key"].Str()];
            Assert.Equal([Math.Round(average, 1)], Doubles(series["average"]));
            Assert.Equal([keyTasks], Ints(series["tasks"]));
        }

        Assert.Equal(33.0, Doubles(now["overall"])[0]); // (55 + 60 + 50 + 0 + 0) / 5

        // The week before the first key task has no data (null, not 0); each later week ends on its own latest reports.
        Assert.Equal([null, 10.0, 25.0, 33.0], Doubles(history["overall"]));
        Assert.Equal([0, 5, 5, 5], Ints(history["keyTasks"]));
        var industry = history["series"]!.AsArray().Single(s => s!["key"].Str() == "action.industry")!;
        Assert.Equal([null, 25.0, 37.5, 57.5], Doubles(industry["average"]));

        // The agency page's figure follows the same rule for one agency; its latest reports are its own, newest first.
        var overview = await _planner.GetJsonAsync("/api/agencies/guangdong/overview");
        Assert.Equal("guangdong", overview["agencyCode"].Str());
        Assert.Equal([55, 50, 45], overview["latestReports"]!.AsArray().Take(3).Select(r => r!["progressPercent"].Int()));
        Assert.All(overview["latestReports"]!.AsArray().Take(3), r => Assert.Equal("guangdong.staff", r!["reportedBy"].Str()));
        var hubeiOverview = await _planner.GetJsonAsync("/api/agencies/hubei/overview");
        Assert.Equal([50.0], Doubles(hubeiOverview["progress"]!["overall"]));
        Assert.Equal([1], Ints(hubeiOverview["progress"]!["keyTasks"]));
    }

    [Fact]
    public async Task GetAgencyOverview_UnknownAgency_Returns404AndAgencyStaffAre403()
    {
        var unknown = await _planner.GetRawAsync("/api/agencies/no-such-agency/overview");
        var staff = await factory.CreateClientFor("guangdong.staff").GetRawAsync("/api/agencies/guangdong/overview");

        await unknown.ExpectAsync(HttpStatusCode.NotFound);
        await staff.ExpectAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// Per top-level pillar, the average over key tasks of their latest progress report (0 without one) and how many key
    /// tasks there are, straight from the tables: a key task is an instance with non-contribution tasks under a pillar,
    /// that started no child instance and is not cancelled.
    /// </summary>
    private async Task<Dictionary<string, (double Average, int KeyTasks)>> LatestReportAveragesAsync(string plan)
    {
        const string Sql = """
            WITH LineTasks AS (
                SELECT t.Id, t.InstanceId, t.Pillar FROM Tasks t
                WHERE t.PlanId = $plan AND t.Pillar IS NOT NULL AND t.ParentTaskId IS NULL
                  AND NOT EXISTS (SELECT 1 FROM WorkflowInstances c WHERE c.ParentInstanceId = t.InstanceId)),
            Lines AS (
                SELECT lt.InstanceId, MIN(lt.Pillar) AS Pillar FROM LineTasks lt
                JOIN WorkflowInstances i ON i.Id = lt.InstanceId AND i.Status <> 'Cancelled'
                GROUP BY lt.InstanceId),
            Latest AS (
                SELECT lt.InstanceId, MAX(r.Id) AS ReportId FROM ProgressReports r JOIN LineTasks lt ON lt.Id = r.TaskId
                GROUP BY lt.InstanceId)
            SELECT l.Pillar, AVG(COALESCE(r.ProgressPercent, 0)), COUNT(*)
            FROM Lines l LEFT JOIN Latest la ON la.InstanceId = l.InstanceId LEFT JOIN ProgressReports r ON r.Id = la.ReportId
            GROUP BY l.Pillar
            """;
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$plan", plan);
        var averages = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            averages[reader.GetString(0)] = (reader.GetDouble(1), reader.GetInt32(2));
        }

        return averages;
    }

    /// <summary>As the planner, starts a province-task or ministry-task for one agency; returns its correlation id.</summary>
    private async Task<string> StartAgencyTaskAsync(string definitionId, string agency, string pillar, string plan)
    {
        var correlation = $"{plan}-{agency}";
        await _planner.StartAsync(definitionId, correlation, new JsonObject
        {
            ["agency"] = agency,
            ["title"] = $"{agency} 人工智能+ 试点",
            ["pillar"] = pillar,
            ["leadAgency"] = "miit",
            ["planId"] = plan,
            ["dueAt"] = factory.Time.GetUtcNow().AddDays(120).ToString("O", CultureInfo.InvariantCulture),
        });
        return correlation;
    }

    /// <summary>The agency's staff claim and complete the refine step, then claim the report step; returns its task id.</summary>
    private async Task<string> RefineAsync(string agency, string correlation, string plan)
    {
        var staff = factory.CreateClientFor($"{agency}.staff");
        var refine = await staff.OpenCaseTaskAsync("task", correlation);
        await (await staff.TaskActionAsync(refine, "claim")).ExpectAsync(HttpStatusCode.OK);
        await staff.CompleteTaskAsync(refine, "Submitted", new JsonObject { ["measures"] = $"{agency} 细化举措" });
        var report = await OpenTaskAsync(staff, "report", plan);
        await (await staff.TaskActionAsync(report, "claim")).ExpectAsync(HttpStatusCode.OK);
        return report;
    }

    /// <summary>The caller's open task of a kind in this plan; waits for it to appear.</summary>
    private static async Task<string> OpenTaskAsync(HttpClient client, string kind, string plan)
    {
        string? found = null;
        await Eventually.TrueAsync(
            async () => (found = (await client.GetJsonAsync($"{HttpApi.Tasks}?plan={plan}"))["items"]!.AsArray()
                .FirstOrDefault(t => t!["kind"].Str() == kind)?["id"]?.GetValue<string>()) is not null,
            $"an open {kind} task in plan {plan}");
        return found!;
    }

    /// <summary>The agency's staff report progress on their report step (without submitting it).</summary>
    private async Task ReportAsAgencyAsync(string agency, string taskId, int percent) =>
        await (await factory.CreateClientFor($"{agency}.staff").TaskActionAsync(taskId, "progress-reports", ScenarioForms.Report(percent))).ExpectAsync(HttpStatusCode.OK);

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

    private static List<double?> Averages(JsonNode series) => Doubles(series["average"]);

    private static List<int> Counts(JsonNode series) => Ints(series["tasks"]);

    private static List<double?> Doubles(JsonNode? values) => [.. values!.AsArray().Select(a => a?.GetValue<double>())];

    private static List<int> Ints(JsonNode? values) => [.. values!.AsArray().Select(c => c.Int())];
}

using System.Diagnostics;
using AiPlusTasks.Bench.Http;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Issue 22: what the supervision dashboard and an agency page cost to open over a year and more of history. Bulk-loads
/// the inbox dataset's task rows (each its own workflow instance, so every one with a pillar is a key task by ADR 033's
/// rule) and, for every report step, a progress report a week for its last 16 weeks before its completion (or now);
/// then, as an NDRC supervisor, times what the dashboard asks for — the key-task progress figure (this week), the
/// 12-week trend by pillar and by plan, the heatmap — and one province's overview, five times each, quoting medians.
/// The figure is checked against the average of each key task's latest report computed in SQL.
/// </summary>
internal static class DashboardScenario
{
    public const string Name = "dashboard";

    private const int TaskRows = 100_000;

    private const int Repeats = 5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode)
    {
        await using var host = await ScaleHost.StartAsync();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await BulkLoader.LoadAsync(host, InboxDataset.For(host).Rows(TaskRows));
        await using var probe = await host.OpenConnectionAsync();
        await Sql.ExecuteAsync(probe,
            "WITH RECURSIVE weeks(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM weeks WHERE n < 15) " +
            "INSERT INTO ProgressReports (TaskId, Sequence, ReportedBy, ReportedAt, ProgressPercent, SelfColour, Confidence, Done) " +
            "SELECT t.Id, 16 - w.n, t.AgencyCode || '.staff', " +
            // Times are stored as DateTimeOffsetToBinaryConverter's ((UTC ticks / 1000) << 11, offset 0): a week back is the same of 7 days.
            $"COALESCE(t.CompletedAt, {now.UtcTicks / 1000 << 11}) - w.n * {TimeSpan.TicksPerDay * 7 / 1000 << 11}, " +
            "max(0, 100 - w.n * 6 - abs(random()) % 10), 'Green', 7, '按计划推进' FROM Tasks t CROSS JOIN weeks w WHERE t.Kind = 'report' ORDER BY t.Id, w.n DESC");
        var reports = await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM ProgressReports");

        var trends = host.Services.GetRequiredService<ProgressTrendService>();
        var overviews = host.Services.GetRequiredService<AgencyOverviewService>();
        var supervisor = new Caller("ndrc.supervisor", "ndrc", new HashSet<string> { Roles.NdrcSupervisor });
        var figure = await trends.GetAsync(supervisor, new ProgressTrendQuery(Weeks: 1));
        await CheckFigureAsync(probe, figure);

        var timings = new (string Label, Func<Task> Open)[]
        {
            ("key-task progress figure (this week)", () => trends.GetAsync(supervisor, new ProgressTrendQuery(Weeks: 1))),
            ("12-week trend by pillar", () => trends.GetAsync(supervisor, new ProgressTrendQuery())),
            ("12-week trend by plan", () => trends.GetAsync(supervisor, new ProgressTrendQuery(ProgressTrendQuery.ByPlan))),
            ("heatmap", () => host.Tasks.HeatmapAsync(supervisor)),
            ("one province's overview (guangdong)", () => overviews.GetAsync(supervisor, "guangdong")),
        };
        var details = FormattableString.Invariant(
            $"{TaskRows:N0} task rows ({figure.KeyTasks[^1]:N0} key tasks by ADR 033's rule), {reports:N0} progress reports (weekly, 16 weeks per report step), SQLite file; median of {Repeats}, warm; ") +
            MachineLoad.Text();
        var figures = new List<Figure>();
        foreach (var (label, open) in timings)
        {
            var times = new List<double>();
            for (var i = 0; i < Repeats; i++)
            {
                var clock = Stopwatch.StartNew();
                await open();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }

            figures.Add(new Figure(Name, label, Median.Of(times), "ms", "", null, figures.Count == 0 ? details : ""));
        }

        return figures;
    }

    /// <summary>
    /// The figure must be the average of each key task's latest report (the highest id; 0 without one), computed here in
    /// SQL: every row is its own instance, none fanned out, none cancelled (the dataset has no instance rows).
    /// </summary>
    private static async Task CheckFigureAsync(Microsoft.Data.Sqlite.SqliteConnection probe, ProgressTrend figure)
    {
        var expected = await Sql.ScalarAsync(probe,
            "SELECT CAST(ROUND(100 * AVG(COALESCE((SELECT r.ProgressPercent FROM ProgressReports r JOIN Tasks s ON s.Id = r.TaskId " +
            "WHERE s.InstanceId = k.InstanceId ORDER BY r.Id DESC LIMIT 1), 0))) AS INTEGER) " +
            "FROM (SELECT DISTINCT InstanceId FROM Tasks WHERE Pillar IS NOT NULL) k") / 100.0;
        if (figure.Overall.Count == 0 || figure.Overall[^1] is not { } overall || Math.Abs(overall - expected) > 0.051)
        {
            throw new BenchmarkFailedException($"dashboard: the key-task figure is {(figure.Overall.Count == 0 ? null : figure.Overall[^1])}, the latest reports in SQL average {expected:F2}");
        }
    }
}

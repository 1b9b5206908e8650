using System.Diagnostics;
using System.Globalization;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Issue 5, scenario 4: the inbox on a big task table. Bulk-loads task rows into the engine's own table (made by its
/// migrations), checks they are all there, then times the inbox's real page queries through
/// <see cref="TaskService.ListAsync"/> — a staff member of one agency asking for a view (open, due soon, overdue,
/// unclaimed, mine, returned, completed), some with a due window, pillar or plan filter, sorted, 50 a page — after a
/// warm-up. Each answer is checked (page size, the caller's agency only, the view's states; some totals against plain
/// SQL). Reports p50/p95/p99 and, per view, p95 and how SQLite runs the statements (<c>EXPLAIN QUERY PLAN</c>).
/// </summary>
internal static class InboxScenario
{
    private const int PageSize = 50;
    private const double TargetP95Milliseconds = 20;

    public static Func<BenchMode, Task<IReadOnlyList<Figure>>> For(string name, int rows) => mode => RunAsync(name, rows, mode);

    private static async Task<IReadOnlyList<Figure>> RunAsync(string name, int rows, BenchMode mode)
    {
        var recorder = new SqlRecorder();
        await using var host = await ScaleHost.StartAsync(services => services.AddSingleton<IInterceptor>(recorder));
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ministries = host.Agencies.Ministries.Select(a => a.Code).ToList();
        var provinces = host.Agencies.Provinces.Select(a => a.Code).ToList();
        var pillars = host.Catalog.Pillars.SelectMany(p => p.Items).Select(i => i.Code).ToList();
        var agencies = host.Agencies.All.Select(a => a.Code).ToList();

        var load = Stopwatch.StartNew();
        var loaded = await BulkLoader.LoadAsync(host, new InboxDataset(ministries, provinces, pillars, now).Rows(rows));
        load.Stop();
        await using var probe = await host.OpenConnectionAsync();
        var stored = await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM Tasks");
        var perAgency = await Sql.CountsAsync(probe, "SELECT AgencyCode, COUNT(*) FROM Tasks GROUP BY AgencyCode");
        if (loaded.Rows != rows || stored != rows || perAgency.Count != agencies.Count || agencies.Any(a => !perAgency.ContainsKey(a)))
        {
            throw new BenchmarkFailedException($"inbox load: {loaded.Rows:N0} written, {stored:N0} stored across {perAgency.Count} agencies; expected {rows:N0} across all {agencies.Count}");
        }

        var states = await Sql.CountsAsync(probe, "SELECT State, COUNT(*) FROM Tasks GROUP BY State");

        var random = new Random(5);
        var warmUp = Enumerable.Range(0, mode.InboxWarmUp).Select(_ => Pick(random, agencies, pillars, now)).ToList();
        var timed = Enumerable.Range(0, mode.InboxQueries).Select(_ => Pick(random, agencies, pillars, now)).ToList();
        foreach (var query in warmUp)
        {
            await RunCheckedAsync(host, query);
        }

        var timings = await TimeAsync(host, timed);
        await CrossCheckTotalsAsync(host, probe, agencies);
        var plans = await QueryPlansAsync(host, probe, recorder, agencies, pillars, now);

        var stateCounts = string.Join(", ", states.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => FormattableString.Invariant($"{s.Key} {s.Value:N0}")));
        var sizes = FormattableString.Invariant($"{rows:N0} task rows over {agencies.Count} agencies ({stateCounts}); ") + FormattableString.Invariant(
            $"{timed.Count:N0} timed TaskService.ListAsync calls after {warmUp.Count} warm-up, one caller, agency staff of a random agency, page size {PageSize}; each call = COUNT + page query; SQLite file, WAL, synchronous=NORMAL, no ANALYZE (as the engine leaves it); ") +
            MachineLoad.Text();
        var p95 = Percentiles.Of(timings.All, 95);
        var target = FormattableString.Invariant($"< {TargetP95Milliseconds:0} ms");
        return
        [
            new Figure(name, "inbox page p50", Percentiles.Of(timings.All, 50), "ms", "", null, sizes),
            new Figure(name, "inbox page p95", p95, "ms", target, p95 < TargetP95Milliseconds, timings.ByView),
            new Figure(name, "inbox page p99", Percentiles.Of(timings.All, 99), "ms", "", null, "query plans: " + string.Join(" || ", plans)),
            new Figure(name, "bulk load of the task rows", load.Elapsed.TotalSeconds, "s", "", null,
                FormattableString.Invariant($"{rows / load.Elapsed.TotalSeconds:N0} rows/s: one transaction, prepared INSERT built from the engine's EF model ({loaded.Inserting.TotalSeconds:F1} s), ") +
                FormattableString.Invariant($"the {loaded.Indexes} secondary indexes dropped before and re-created from their own SQL after ({loaded.Indexing.TotalSeconds:F1} s)")),
        ];
    }

    /// <summary>Runs the queries one after another, timing each call and checking each answer.</summary>
    private static async Task<Latencies> TimeAsync(ScaleHost host, IReadOnlyList<InboxQuery> queries)
    {
        var latencies = new List<(string Label, double Milliseconds)>();
        foreach (var query in queries)
        {
            var stopwatch = Stopwatch.StartNew();
            var page = await host.Tasks.ListAsync(query.Caller, query.Query);
            stopwatch.Stop();
            latencies.Add((query.Label, stopwatch.Elapsed.TotalMilliseconds));
            Check(query, page);
        }

        var byView = latencies.GroupBy(l => l.Label)
            .Select(g => (Label: g.Key, Count: g.Count(), P95: Percentiles.Of([.. g.Select(l => l.Milliseconds)], 95)))
            .OrderByDescending(v => v.P95);
        return new Latencies(
            [.. latencies.Select(l => l.Milliseconds)],
            "p95 by view: " + string.Join(", ", byView.Select(v => FormattableString.Invariant($"{v.Label} {v.P95:F1} ms (n={v.Count})"))));
    }

    private static async Task RunCheckedAsync(ScaleHost host, InboxQuery query) => Check(query, await host.Tasks.ListAsync(query.Caller, query.Query));

    /// <summary>Every row is the caller's agency's and in the view's states; the page is no larger than asked.</summary>
    private static void Check(InboxQuery query, AiPlusTasks.Engine.Page<TaskSummary> page)
    {
        var expectedStates = query.Query.View switch
        {
            TaskViews.Completed => [TaskState.Completed],
            TaskViews.Unclaimed => [TaskState.Open],
            _ => new[] { TaskState.Open, TaskState.Claimed },
        };
        var wrong = page.Items.FirstOrDefault(t => t.AgencyCode != query.Caller.AgencyCode || !expectedStates.Contains(t.State));
        if (page.Items.Count > query.Query.PageSize || wrong is not null || page.Items.Count > page.TotalCount)
        {
            throw new BenchmarkFailedException($"inbox {query.Label} for {query.Caller.Name}: {page.Items.Count} rows of {page.TotalCount}; wrong row: {wrong}");
        }
    }

    /// <summary>The open, unclaimed and completed totals of every agency, as the inbox reports them, against plain SQL.</summary>
    private static async Task CrossCheckTotalsAsync(ScaleHost host, SqliteConnection probe, IReadOnlyList<string> agencies)
    {
        var expected = new Dictionary<string, Dictionary<string, long>>
        {
            [TaskViews.Open] = await Sql.CountsAsync(probe, "SELECT AgencyCode, COUNT(*) FROM Tasks WHERE State IN ('Open', 'Claimed') GROUP BY AgencyCode"),
            [TaskViews.Unclaimed] = await Sql.CountsAsync(probe, "SELECT AgencyCode, COUNT(*) FROM Tasks WHERE State = 'Open' GROUP BY AgencyCode"),
            [TaskViews.Completed] = await Sql.CountsAsync(probe, "SELECT AgencyCode, COUNT(*) FROM Tasks WHERE State = 'Completed' GROUP BY AgencyCode"),
        };
        foreach (var agency in agencies)
        {
            foreach (var (view, counts) in expected)
            {
                var page = await host.Tasks.ListAsync(Staff(agency), new TaskQuery(view, PageSize: 1));
                if (page.TotalCount != counts.GetValueOrDefault(agency))
                {
                    throw new BenchmarkFailedException($"inbox {view} of {agency}: the engine counts {page.TotalCount}, the table holds {counts.GetValueOrDefault(agency)}");
                }
            }
        }
    }

    /// <summary>For one query of each kind: the statements EF sent and SQLite's plan for each, compact.</summary>
    private static async Task<List<string>> QueryPlansAsync(ScaleHost host, SqliteConnection probe, SqlRecorder recorder, IReadOnlyList<string> agencies, IReadOnlyList<string> pillars, DateTimeOffset now)
    {
        var random = new Random(7);
        var plans = new List<string>();
        foreach (var kind in Mix.Select(m => m.Label))
        {
            var query = Pick(random, agencies, pillars, now, kind);
            recorder.Take();
            recorder.Recording = true;
            await host.Tasks.ListAsync(query.Caller, query.Query);
            recorder.Recording = false;
            var steps = new List<string>();
            foreach (var command in recorder.Take())
            {
                await using var explain = probe.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
                foreach (var (parameter, value) in command.Parameters)
                {
                    explain.Parameters.AddWithValue(parameter, value ?? DBNull.Value);
                }

                await using var reader = await explain.ExecuteReaderAsync();
                var details = new List<string>();
                while (await reader.ReadAsync())
                {
                    details.Add(reader.GetString(3));
                }

                steps.Add((command.Sql.Contains("COUNT(*)", StringComparison.Ordinal) ? "count: " : "page: ") + string.Join("; ", details));
            }

            plans.Add($"{kind}: {string.Join(" / ", steps)}");
        }

        return plans;
    }

    /// <summary>The inbox views and filters staff use, with how often (out of 100).</summary>
    private static readonly (string Label, int Weight)[] Mix =
    [
        ("open", 20), ("open page 3", 5), ("open by priority", 5), ("open due next 30 d", 10), ("open by pillar", 5), ("open by plan", 5),
        ("due-soon", 15), ("overdue", 15), ("unclaimed", 8), ("mine", 7), ("returned", 2), ("completed", 3),
    ];

    private static InboxQuery Pick(Random random, IReadOnlyList<string> agencies, IReadOnlyList<string> pillars, DateTimeOffset now, string? label = null)
    {
        if (label is null)
        {
            var ticket = random.Next(Mix.Sum(m => m.Weight));
            foreach (var (candidate, weight) in Mix)
            {
                if ((ticket -= weight) < 0)
                {
                    label = candidate;
                    break;
                }
            }
        }

        var caller = Staff(agencies[random.Next(agencies.Count)]);
        var query = label switch
        {
            "open page 3" => new TaskQuery(TaskViews.Open, Page: 3),
            "open by priority" => new TaskQuery(TaskViews.Open, Sort: "priority"),
            "open due next 30 d" => new TaskQuery(TaskViews.Open, DueFrom: now, DueTo: now.AddDays(30)),
            "open by pillar" => new TaskQuery(TaskViews.Open, Pillar: PillarOf(pillars[random.Next(pillars.Count)])),
            "open by plan" => new TaskQuery(TaskViews.Open, PlanId: InboxDataset.Plans[random.Next(InboxDataset.Plans.Length)]),
            "open" => new TaskQuery(TaskViews.Open),
            _ => new TaskQuery(label!),
        };
        return new InboxQuery(label!, caller, query with { PageSize = PageSize });
    }

    /// <summary>The pillar of a catalog item (<c>action.industry.manufacturing</c> → <c>action.industry</c>): the inbox's pillar filter matches its items.</summary>
    private static string PillarOf(string item) => item[..item.LastIndexOf('.')];

    private static Caller Staff(string agency) => new($"{agency}.staff", agency, new HashSet<string> { Roles.AgencyStaff });

    private sealed record InboxQuery(string Label, Caller Caller, TaskQuery Query);

    /// <param name="All">Every call's latency in ms, in order.</param>
    /// <param name="ByView">p95 per view, as text.</param>
    private sealed record Latencies(IReadOnlyList<double> All, string ByView);
}

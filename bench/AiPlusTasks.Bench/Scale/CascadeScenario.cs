using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Issue 5, scenario 3: national key tasks cascading to ministries and provinces. The clock runs from the moment the
/// breakdown is triggered until the database shows every child instance waiting (suspended on its human task, or on
/// its own fan-out); the background worker does the starting, as in production. Then the rows are counted: every
/// instance, every open task, every parent's children, no work left queued.
/// </summary>
internal static class CascadeScenario
{
    public static Func<BenchMode, Task<IReadOnlyList<Figure>>> For(CascadeTier tier) => mode => RunAsync(tier, mode);

    private static async Task<IReadOnlyList<Figure>> RunAsync(CascadeTier tier, BenchMode mode)
    {
        await using var host = await ScaleHost.StartAsync();
        await host.PublishRepositoryWorkflowsAsync("national-key-task", "ministry-task", "province-task");
        if (!tier.RepositoryWorkflow)
        {
            await host.PublishAsync(CascadeDefinitions.National, CascadeDefinitions.NationalJson());
            await host.PublishAsync(CascadeDefinitions.Ministry, CascadeDefinitions.MinistryJson([.. host.Agencies.Provinces.Select(p => p.Code)]));
        }

        await using var probe = await host.OpenConnectionAsync();
        var tasks = NationalTasks(host, tier);
        var clock = new Stopwatch();
        string trigger;
        long suspendedAtStart = 0;
        if (tier.RepositoryWorkflow)
        {
            // national-key-task fans out once the lead ministry submits its refined measures: start the national tasks,
            // then start the clock and submit every lead's task through the inbox API.
            var setup = Stopwatch.StartNew();
            var leadTasks = new List<(Caller Lead, string TaskId)>();
            foreach (var task in tasks)
            {
                var started = await Start(host, "national-key-task", task);
                // The lead unit's own task, and its co-units' parts (tasks with a parent): the parts are reported before the
                // clock starts, as the lead's submission waits for them (ADR 028).
                var lead = await Sql.RowsAsync(probe, "SELECT Id FROM Tasks WHERE InstanceId = $id AND ParentTaskId IS NULL", ("$id", started.Id));
                var parts = await Sql.RowsAsync(probe, "SELECT Id, AgencyCode FROM Tasks WHERE InstanceId = $id AND ParentTaskId IS NOT NULL", ("$id", started.Id));
                foreach (var part in parts.Select(row => row.Split(" | ")))
                {
                    await host.Tasks.CompleteAsync(Staff(part[1]), part[0], "Submitted", new JsonObject { ["measures"] = "协办细化举措 bench co-unit measures", ["division"] = "按职责分工 by remit" });
                }

                leadTasks.Add((Staff(task.Lead), lead.Single()));
            }

            setup.Stop();
            suspendedAtStart = await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM WorkflowInstances WHERE Status = 'Suspended'");
            clock.Start();
            foreach (var (lead, taskId) in leadTasks)
            {
                await host.Tasks.CompleteAsync(lead, taskId, "Submitted", new JsonObject { ["measures"] = "基准细化举措 bench measures", ["division"] = "按职责分工 by remit" });
            }

            trigger = FormattableString.Invariant(
                $"clock from the first lead submission (the {tier.NationalTasks} national tasks were started before it, in {setup.Elapsed.TotalSeconds:F1} s; their lead tasks submitted one after another through TaskService.CompleteAsync, done at {clock.Elapsed.TotalSeconds:F1} s)");
        }
        else
        {
            clock.Start();
            foreach (var task in tasks)
            {
                await Start(host, CascadeDefinitions.National, task);
            }

            trigger = FormattableString.Invariant(
                $"clock from the first WorkflowRuntime.StartAsync of the {tier.NationalTasks} national tasks (all started one after another by {clock.Elapsed.TotalSeconds:F1} s)");
        }

        var interval = tier.Instances > 50_000 ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(100);
        var progress = await InstanceProgress.WaitForSuspendedAsync(probe, tier.Instances, clock, interval, mode.ScaleBudget, suspendedAtStart);
        clock.Stop();
        var peak = PeakWorkingSet.Bytes();
        if (progress.Reached)
        {
            await VerifyAsync(probe, tier);
        }

        return Figures(tier, progress, peak, trigger, interval);
    }

    private static List<Figure> Figures(CascadeTier tier, InstanceProgress.Progress progress, long peakBytes, string trigger, TimeSpan interval)
    {
        var children = tier.Instances - tier.NationalTasks;
        var shape = tier.RepositoryWorkflow
            ? FormattableString.Invariant($"repository workflows: {tier.NationalTasks} national-key-task × ({tier.Ministries} ministry-task + {tier.Provinces} province-task) = {tier.Assignments:N0} assignments, each a child instance waiting on its refine task")
            : FormattableString.Invariant($"bench cascade built in code (national-key-task fans out only once, to ≤ 5 co-units): {tier.NationalTasks} national tasks × {tier.Ministries} ministries × {tier.Provinces} provinces = {tier.Assignments:N0} assignments, each a repository province-task instance waiting on its refine task; plus {tier.NationalTasks * tier.Ministries:N0} ministry instances that only fan out");
        var store = FormattableString.Invariant($"{children:N0} child instances, {tier.Instances:N0} instances in all; {trigger}; polled every {interval.TotalMilliseconds:F0} ms; SQLite file, WAL, synchronous=NORMAL; Release; ") + MachineLoad.Text();
        var figures = new List<Figure>();
        if (progress.Reached)
        {
            var seconds = progress.Elapsed.TotalSeconds;
            figures.Add(new Figure(tier.Name, "seconds to create and start every child", seconds, "s", Target(tier.TargetSeconds, "s"), tier.TargetSeconds is { } t ? seconds < t : null, $"{shape}; {store}"));
            figures.Add(new Figure(tier.Name, "children started per second", children / seconds, "1/s", "", null, FormattableString.Invariant($"{children:N0} children in {seconds:F1} s; instances waiting per second over the run: {progress.RateBy(RateStep(tier))}")));
        }
        else
        {
            // The budget ran out: report the rate measured on the part that ran and a projection, and say so.
            var rate = progress.RateOverLast(TimeSpan.FromSeconds(60));
            var projected = progress.Elapsed.TotalSeconds + ((tier.Instances - progress.Suspended) / Math.Max(rate, 1e-9));
            figures.Add(new Figure(
                tier.Name,
                "seconds to create and start every child (PROJECTED, run stopped)",
                projected,
                "s",
                Target(tier.TargetSeconds, "s"),
                tier.TargetSeconds is null ? null : false,
                FormattableString.Invariant(
                    $"NOT run to the end: stopped after {progress.Elapsed.TotalSeconds:F0} s with {progress.Suspended:N0} of {tier.Instances:N0} instances waiting; projected at the last minute's rate of {rate:F0} instances/s; counts not verified; {shape}; {store}")));
            figures.Add(new Figure(tier.Name, "children started per second (partial run)", rate, "1/s", "", null, FormattableString.Invariant($"rate over the last 60 s before the stop; overall {progress.Suspended / progress.Elapsed.TotalSeconds:F0}/s; over the run: {progress.RateBy(RateStep(tier))}")));
        }

        var megabytes = peakBytes / 1024.0 / 1024.0;
        figures.Add(new Figure(
            tier.Name,
            progress.Reached ? "peak working set" : "peak working set (at the stop)",
            megabytes,
            "MB",
            tier.TargetPeakMegabytes is { } peakTarget ? FormattableString.Invariant($"< {peakTarget / 1024:0.#} GiB") : "",
            tier.TargetPeakMegabytes is { } p ? megabytes < p : null,
            "process VmHWM: engine host, Release, workstation GC; the bench's own polling connection included"));
        return figures;
    }

    /// <summary>Counts what the engine made; any difference fails the run.</summary>
    private static async Task VerifyAsync(SqliteConnection probe, CascadeTier tier)
    {
        var national = tier.RepositoryWorkflow ? "national-key-task" : CascadeDefinitions.National;
        var expectedInstances = tier.RepositoryWorkflow
            ? new Dictionary<string, long> { [national] = tier.NationalTasks, ["ministry-task"] = tier.NationalTasks * tier.Ministries, ["province-task"] = tier.NationalTasks * tier.Provinces }
            : new Dictionary<string, long> { [national] = tier.NationalTasks, [CascadeDefinitions.Ministry] = tier.NationalTasks * tier.Ministries, [CascadeDefinitions.Province] = tier.Assignments };
        var expectedOpenTasks = tier.RepositoryWorkflow
            ? new Dictionary<string, long> { ["ministry-task"] = tier.NationalTasks * tier.Ministries, ["province-task"] = tier.NationalTasks * tier.Provinces }
            : new Dictionary<string, long> { [CascadeDefinitions.Province] = tier.Assignments };
        string[] expectedFamilies = tier.RepositoryWorkflow
            ? [Family(national, tier.Ministries + tier.Provinces, tier.NationalTasks)]
            : [Family(CascadeDefinitions.Ministry, tier.Provinces, tier.NationalTasks * tier.Ministries), Family(national, tier.Ministries, tier.NationalTasks)];

        Expect("instances by definition", expectedInstances, await Sql.CountsAsync(probe, "SELECT DefinitionId, COUNT(*) FROM WorkflowInstances GROUP BY DefinitionId"));
        Expect("suspended instances", tier.Instances, await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM WorkflowInstances WHERE Status = 'Suspended'"));
        Expect("open tasks by definition", expectedOpenTasks, await Sql.CountsAsync(probe, "SELECT DefinitionId, COUNT(*) FROM Tasks WHERE State = 'Open' GROUP BY DefinitionId"));
        Expect("distinct assignments (correlation ids of open tasks)", tier.Assignments, await Sql.ScalarAsync(probe, "SELECT COUNT(DISTINCT CorrelationId) FROM Tasks WHERE State = 'Open'"));
        Expect("queued work items left", 0, await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM WorkItems"));
        var families = await Sql.RowsAsync(
            probe,
            "SELECT DefinitionId, Children, COUNT(*) FROM (SELECT p.DefinitionId AS DefinitionId, COUNT(*) AS Children FROM WorkflowInstances c " +
            "JOIN WorkflowInstances p ON p.Id = c.ParentInstanceId GROUP BY p.Id, p.DefinitionId) GROUP BY DefinitionId, Children ORDER BY DefinitionId");
        if (!families.SequenceEqual(expectedFamilies))
        {
            throw new BenchmarkFailedException($"children per parent: expected [{string.Join("; ", expectedFamilies)}], found [{string.Join("; ", families)}]");
        }
    }

    private static string Family(string definitionId, int children, int parents) => FormattableString.Invariant($"{definitionId} | {children} | {parents}");

    private static void Expect(string what, long expected, long actual)
    {
        if (expected != actual)
        {
            throw new BenchmarkFailedException($"{what}: expected {expected:N0}, found {actual:N0}");
        }
    }

    private static void Expect(string what, Dictionary<string, long> expected, Dictionary<string, long> actual)
    {
        if (expected.Count != actual.Count || expected.Any(e => actual.GetValueOrDefault(e.Key, -1) != e.Value))
        {
            static string Show(Dictionary<string, long> d) => string.Join(", ", d.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));
            throw new BenchmarkFailedException($"{what}: expected {Show(expected)}; found {Show(actual)}");
        }
    }

    private static async Task<InstanceView> Start(ScaleHost host, string definitionId, NationalTask task)
    {
        var started = await host.Runtime.StartAsync(new StartWorkflowRequest(definitionId, task.Input, task.CorrelationId));
        return started.Status == WorkflowStatus.Suspended
            ? started
            : throw new BenchmarkFailedException($"national task {task.CorrelationId} is {started.Status} after start, expected Suspended");
    }

    private static Caller Staff(string agency) => new($"{agency}.staff", agency, new HashSet<string> { Roles.AgencyStaff });

    /// <summary>The national tasks: leads and co-units taken round the ministries of the directory, pillars round the catalog's items.</summary>
    private static List<NationalTask> NationalTasks(ScaleHost host, CascadeTier tier)
    {
        var ministries = host.Agencies.Ministries.Select(a => a.Code).ToList();
        var provinces = host.Agencies.Provinces.Select(a => a.Code).ToList();
        var coUnits = tier.RepositoryWorkflow ? tier.Ministries : tier.Ministries - 1;
        if (coUnits + 1 > ministries.Count || tier.Provinces > provinces.Count)
        {
            throw new BenchmarkFailedException($"{tier.Name} needs {coUnits + 1} ministries and {tier.Provinces} provinces; the directory has {ministries.Count} and {provinces.Count}");
        }

        var items = host.Catalog.Pillars.SelectMany(p => p.Items).Select(i => i.Code).ToList();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return
        [
            .. Enumerable.Range(0, tier.NationalTasks).Select(i =>
            {
                var lead = ministries[i % ministries.Count];
                var input = new JsonObject
                {
                    ["title"] = string.Create(CultureInfo.InvariantCulture, $"基准重点任务 {i + 1:D3} Bench key task {i + 1}"),
                    ["pillar"] = items[i % items.Count],
                    ["leadAgency"] = lead,
                    ["coAgencies"] = new JsonArray([.. Enumerable.Range(1, coUnits).Select(k => (JsonNode)ministries[(i + k) % ministries.Count])]),
                    ["provinces"] = tier.Provinces == provinces.Count ? null : new JsonArray([.. provinces.Take(tier.Provinces).Select(p => (JsonNode)p)]),
                    ["dueAt"] = (now + TimeSpan.FromDays(30 + (i % 150))).ToString("O", CultureInfo.InvariantCulture),
                    ["planId"] = "bench-cascade",
                    ["blueWithin"] = "P3D",
                };
                return new NationalTask(input, string.Create(CultureInfo.InvariantCulture, $"{tier.Name}:T{i + 1:D4}"), lead);
            }),
        ];
    }

    /// <summary>The step of the rate-over-time in the details: 5 s for medium, 60 s for the long tiers.</summary>
    private static TimeSpan RateStep(CascadeTier tier) => tier.Instances > 10_000 ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(5);

    private static string Target(double? value, string unit) => value is { } v ? FormattableString.Invariant($"< {v:0.#} {unit}") : "";

    private sealed record NationalTask(JsonObject Input, string CorrelationId, string Lead);
}

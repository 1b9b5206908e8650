using System.Diagnostics;
using System.Globalization;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Issue 5, scenario 5: one roll of a plan with many active assignments (<see cref="PlanService.RollAsync(string, string?, string, CancellationToken)"/>).
/// <para>How assignments relate to a plan: a plan version holds key tasks; committing one starts its breakdown workflow
/// (correlation id <c>plan:key</c>), whose cascade issues one task per agency (correlation id <c>plan:key:…</c>). A roll
/// reads every committed key task's workflow status and the colours of every open task of the plan's cascades, carries
/// late tasks over, commits the next period's tasks (starting their workflows in the roll's transaction), and writes the
/// new version with its diff. So the plan here really has the assignments: its key tasks are committed by a first roll,
/// which starts their workflows (the bench cascade: key task → lead + co-unit ministries → provinces, each province a
/// repository <c>province-task</c> waiting on its task), and the engine runs them until every assignment waits. Then
/// the timed roll goes to the next quarter: every task is snapshot, a third are carried over (baseline due before the
/// quarter), and new key tasks planned for that quarter are committed and their workflows staged.</para>
/// </summary>
internal static class RollScenario
{
    private const string PlanId = "bench-plan";
    private const double TargetSeconds = 10;

    /// <param name="name">The scenario's name.</param>
    /// <param name="keyTasks">Committed key tasks.</param>
    /// <param name="ministries">Ministries per key task (lead + co-units).</param>
    /// <param name="provinces">Provinces per ministry.</param>
    /// <param name="newTasks">Key tasks planned for the next quarter, committed by the timed roll.</param>
    public static Func<BenchMode, Task<IReadOnlyList<Figure>>> For(string name, int keyTasks, int ministries, int provinces, int newTasks) =>
        mode => RunAsync(name, keyTasks, ministries, provinces, newTasks, mode);

    private static async Task<IReadOnlyList<Figure>> RunAsync(string name, int keyTasks, int ministries, int provinces, int newTasks, BenchMode mode)
    {
        var total = Stopwatch.StartNew();
        await using var host = await ScaleHost.StartAsync();
        await host.PublishRepositoryWorkflowsAsync("province-task", "carry-over-decision");
        await host.PublishAsync(CascadeDefinitions.National, CascadeDefinitions.NationalJson());
        await host.PublishAsync(CascadeDefinitions.Ministry, CascadeDefinitions.MinistryJson([.. host.Agencies.Provinces.Select(p => p.Code)]));
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(host.Services.GetRequiredService<IOptions<EngineOptions>>().Value.TimeZone);
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var current = Period.Containing(now, timeZone);
        var next = current.Next();
        var assignments = keyTasks * ministries * provinces;

        // Seed the plan at the previous quarter with the key tasks planned for this one (and the new ones for the next).
        var seed = await PlanSeedAsync(host, current, next, keyTasks, ministries, provinces, newTasks, timeZone);
        if (!await host.Plans.SeedAsync(seed))
        {
            throw new BenchmarkFailedException($"plan {PlanId} existed before the seed");
        }

        var committing = await host.Plans.RollAsync(PlanId, current.ToString(), "bench");
        var committed = committing.Content.Tasks.Count(t => t.Status == PlanTaskStatus.Active && t.InstanceId is not null);
        if (committed != keyTasks)
        {
            throw new BenchmarkFailedException($"the first roll committed {committed} key tasks, expected {keyTasks}");
        }

        await using var probe = await host.OpenConnectionAsync();
        var instances = keyTasks * (1 + ministries + (ministries * provinces));
        var cascade = Stopwatch.StartNew();
        var progress = await InstanceProgress.WaitForSuspendedAsync(probe, instances, cascade, TimeSpan.FromMilliseconds(200), mode.ScaleBudget);
        if (!progress.Reached)
        {
            throw new BenchmarkFailedException($"the plan's cascades did not finish starting within {mode.ScaleBudget}: {progress.Suspended:N0} of {instances:N0} instances waiting; no roll timed");
        }

        var open = await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM Tasks WHERE State = 'Open' AND CorrelationId LIKE $prefix", ("$prefix", PlanId + ":%"));
        if (open != assignments)
        {
            throw new BenchmarkFailedException($"the plan has {open:N0} open assignments, expected {assignments:N0}");
        }

        var stopwatch = Stopwatch.StartNew();
        var rolled = await host.Plans.RollAsync(PlanId, next.ToString(), "bench");
        stopwatch.Stop();
        var carried = Verify(rolled, next, keyTasks, newTasks);
        var staged = await Sql.ScalarAsync(probe, "SELECT COUNT(*) FROM WorkflowInstances WHERE DefinitionId = $definition AND CorrelationId LIKE $prefix", ("$definition", CascadeDefinitions.National), ("$prefix", PlanId + ":N%"));
        if (staged != newTasks)
        {
            throw new BenchmarkFailedException($"the roll staged {staged} workflows for new key tasks, expected {newTasks}");
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var steps = string.Join(", ", rolled.Steps.Select(s => FormattableString.Invariant($"{s.Step} {s.Count}")));
        return
        [
            new Figure(
                name,
                "seconds for one roll",
                seconds,
                "s",
                FormattableString.Invariant($"< {TargetSeconds:0} s"),
                seconds < TargetSeconds,
                FormattableString.Invariant($"PlanService.RollAsync {current} → {next} of a plan with {keyTasks} committed key tasks and {assignments:N0} active assignments ") +
                FormattableString.Invariant($"({keyTasks} × {ministries} ministries × {provinces} provinces, each an open province-task task made by the engine; {instances:N0} waiting instances); ") +
                FormattableString.Invariant($"{carried} carried over, {newTasks} new key tasks committed and their workflows staged, {rolled.ChangeCount} changes; steps: {steps}; ") +
                FormattableString.Invariant($"set-up (first roll + cascades) {progress.Elapsed.TotalSeconds:F0} s, scenario {total.Elapsed.TotalSeconds:F0} s; SQLite file, WAL, synchronous=NORMAL; ") + MachineLoad.Text()),
        ];
    }

    /// <summary>Checks the new version; returns how many key tasks were carried over.</summary>
    private static int Verify(PlanVersionView rolled, Period next, int keyTasks, int newTasks)
    {
        var tasks = rolled.Content.Tasks;
        var carried = tasks.Count(t => t.CarryOverCount == 1);
        var expectedCarried = (keyTasks + 2) / 3;
        var problems = new List<string>();
        if (rolled.Number != 3 || rolled.Period != next.ToString())
        {
            problems.Add($"version {rolled.Number} for {rolled.Period}, expected 3 for {next}");
        }

        if (tasks.Count != keyTasks + newTasks || tasks.Any(t => t.Status != PlanTaskStatus.Active || t.InstanceId is null))
        {
            problems.Add($"{tasks.Count(t => t.Status == PlanTaskStatus.Active && t.InstanceId is not null)} of {tasks.Count} tasks active with a workflow, expected all {keyTasks + newTasks}");
        }

        if (carried != expectedCarried)
        {
            problems.Add($"{carried} carried over, expected {expectedCarried}");
        }

        if (rolled.Steps.FirstOrDefault(s => s.Step == "snapshot")?.Count != keyTasks || rolled.Steps.FirstOrDefault(s => s.Step == "start")?.Count != newTasks)
        {
            problems.Add("steps " + string.Join(", ", rolled.Steps.Select(s => $"{s.Step} {s.Count}")));
        }

        return problems.Count == 0 ? carried : throw new BenchmarkFailedException("roll: " + string.Join("; ", problems));
    }

    /// <summary>The repository's plan file (static layer, scenarios, weights) with the bench's key tasks.</summary>
    private static async Task<PlanSeed> PlanSeedAsync(ScaleHost host, Period current, Period next, int keyTasks, int ministries, int provinces, int newTasks, TimeZoneInfo timeZone)
    {
        var file = Path.Combine(RepositoryFolders.Workflows(), "plans", "ai-plus-2025-2027.json");
        var repository = PlanJson.Deserialize<PlanSeed>(await File.ReadAllTextAsync(file));
        var agencies = host.Agencies.Ministries.Select(a => a.Code).ToList();
        var provinceCodes = host.Agencies.Provinces.Select(a => a.Code).ToList();
        var items = host.Catalog.Pillars.SelectMany(p => p.Items).Select(i => i.Code).ToList();
        var nextStart = next.Start(timeZone);
        PlanTask Task(string key, int i, Period period, DateTimeOffset due) => new()
        {
            Key = key,
            Code = string.Create(CultureInfo.InvariantCulture, $"{period}-{key}"),
            Title = string.Create(CultureInfo.InvariantCulture, $"基准重点任务 {key} Bench key task {key}"),
            Pillar = items[i % items.Count],
            LeadAgency = agencies[i % agencies.Count],
            CoAgencies = [.. Enumerable.Range(1, ministries - 1).Select(k => agencies[(i + k) % agencies.Count])],
            Provinces = provinces == provinceCodes.Count ? null : [.. provinceCodes.Take(provinces)],
            Period = period.ToString(),
            Status = PlanTaskStatus.Planned,
            BaselineDue = due,
            Workflow = CascadeDefinitions.National,
        };

        // Every third key task is due before the next quarter starts, so the timed roll carries it over.
        var tasks = Enumerable.Range(0, keyTasks)
            .Select(i => Task(string.Create(CultureInfo.InvariantCulture, $"K{i + 1:D4}"), i, current, i % 3 == 0 ? nextStart.AddDays(-10) : nextStart.AddDays(60 + (i % 90))))
            .Concat(Enumerable.Range(0, newTasks).Select(i => Task(string.Create(CultureInfo.InvariantCulture, $"N{i + 1:D4}"), keyTasks + i, next, nextStart.AddDays(150))))
            .ToList();
        return repository with
        {
            Id = PlanId,
            Name = "基准滚动计划 Bench rolling plan",
            Cadence = PlanService.QuarterlyCadence,
            Content = repository.Content with { Period = current.Next(-1).ToString(), Tasks = tasks },
        };
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using AiPlusTasks.Bench.Engine;

namespace AiPlusTasks.Bench;

/// <summary>Runs every scenario in its own child process, prints the table and the ratios.</summary>
internal static class Orchestrator
{
    /// <summary>Concurrent callers for the "concurrent" engine rows (the machine has 2 cores).</summary>
    private const int ConcurrentCallers = 4;

    public static async Task<int> RunAsync(BenchMode mode)
    {
        Console.WriteLine($"AiPlusTasks benchmark, {mode.Name}: {mode.Instances:N0} instances per engine scenario (+{mode.WarmUp} warm-up), " +
            $"{Environment.ProcessorCount} cores, {RuntimeInformationText()}");
        Console.WriteLine("workflow: 3 x set variable -> wait for event 'go' (by correlation id) -> decision on a variable -> end; 2 bursts per instance");
        Console.WriteLine();

        // The quick mode keeps the rows the ratios need; the full mode adds the other stores, single-caller rows, the
        // disk's raw commit rate and the SQL breakdown.
        (string Name, int Callers, bool InQuick)[] all =
        [
            ("workflowcore", 1, true),
            ("interpreter", ConcurrentCallers, true),
            ("interpreter", 1, false),
            ("sqlite-normal", ConcurrentCallers, true),
            ("burst-floor", ConcurrentCallers, true),
            ("memory", ConcurrentCallers, false),
            ("memory", 1, false),
            ("sqlite-normal", 1, false),
            ("sqlite-full", ConcurrentCallers, false),
            ("raw-normal", 1, false),
            ("raw-full", 1, false),
            ("breakdown", 1, false),
        ];
        var plan = all.Where(s => s.InQuick || mode != BenchMode.Quick).Select(s => (s.Name, s.Callers)).ToList();
        if (BenchPostgres.Available)
        {
            plan.Add(("postgres", ConcurrentCallers));
        }
        else
        {
            Console.WriteLine($"(no PostgreSQL row: set {BenchPostgres.ServerVariable} to an admin connection string to add one)");
        }

        var results = new List<ScenarioResult>();
        foreach (var (name, callers) in plan)
        {
            Console.Error.WriteLine($"running {name} ({callers} caller(s))…");
            results.Add(await RunChildAsync(name, mode, callers));
        }

        var figures = new List<Figure>();
        foreach (var (name, _, _) in ScaleScenarios.All.Where(s => s.InQuick || mode != BenchMode.Quick))
        {
            Console.Error.WriteLine($"running {name}…");
            figures.AddRange(await RunScaleChildAsync(name, mode));
        }

        PrintTable(results);
        PrintFigures(figures);

        var peer = Find(results, "workflowcore", 1);
        var interpreter = Find(results, "interpreter", ConcurrentCallers);
        var sqlite = Find(results, "aiplustasks-sqlite-normal", ConcurrentCallers);
        var floor = results.Single(r => r.Scenario == "burst-floor"); // recorded with 4 callers, replayed on one thread
        Console.WriteLine();
        Console.WriteLine($"interpreter: the bench workflow through src/Workflows alone, state objects in memory, {ConcurrentCallers} callers (WorkflowCore runs up to {2 * Environment.ProcessorCount} workflows at once).");
        Console.WriteLine(FormattableString.Invariant(
            $"burst-floor: the engine's own SQL replayed with prepared commands, no engine: {floor.Store}; the sqlite row committed {sqlite.BurstsPerCommit:F1} bursts per commit."));
        Console.WriteLine(FormattableString.Invariant(
            $"CPU ms per instance: workflowcore {peer.CpuMillisecondsPerUnit:F3}, interpreter {interpreter.CpuMillisecondsPerUnit:F3}, sqlite {sqlite.CpuMillisecondsPerUnit:F3}, burst-floor {floor.CpuMillisecondsPerUnit:F3}"));

        // On a busy machine the rates swing with the load (and a one-thread replay gets a smaller share of the CPU than
        // four callers do); the same ratios from CPU per instance are the steadier comparison.
        Console.WriteLine(FormattableString.Invariant(
            $"the ratios by CPU per instance: interpreter/workflowcore {peer.CpuMillisecondsPerUnit / interpreter.CpuMillisecondsPerUnit:F1}x, sqlite/workflowcore {peer.CpuMillisecondsPerUnit / sqlite.CpuMillisecondsPerUnit:F1}x, sqlite/burst-floor {floor.CpuMillisecondsPerUnit / sqlite.CpuMillisecondsPerUnit:F2}"));
        if (mode != BenchMode.Quick)
        {
            var rawNormal = Find(results, "raw-commit-normal", 1);
            Console.WriteLine($"the disk's limit: {Format(rawNormal.UnitsPerSecond, 0)} single-row commits/s at NORMAL; sqlite bursts/s / that: {Format(sqlite.BurstsPerSecond / rawNormal.UnitsPerSecond, 2)}");
        }

        if (results.Any(r => r.Scenario == "aiplustasks-postgres"))
        {
            var postgres = Find(results, "aiplustasks-postgres", ConcurrentCallers);
            Console.WriteLine($"ratio postgres/workflowcore: {Format(postgres.UnitsPerSecond / peer.UnitsPerSecond, 1)}x; postgres/sqlite: {Format(postgres.UnitsPerSecond / sqlite.UnitsPerSecond, 2)}");
        }

        Console.WriteLine("targets: interpreter/workflowcore >= 20x, sqlite/workflowcore >= 5x, sqlite/burst-floor >= 0.50");
        Console.WriteLine($"ratio interpreter/workflowcore: {Format(interpreter.UnitsPerSecond / peer.UnitsPerSecond, 1)}x");
        Console.WriteLine($"ratio sqlite/workflowcore: {Format(sqlite.UnitsPerSecond / peer.UnitsPerSecond, 1)}x");
        Console.WriteLine($"ratio sqlite/burst-floor: {Format(sqlite.BurstsPerSecond / floor.BurstsPerSecond, 2)}");
        return 0;
    }

    private static async Task<ScenarioResult> RunChildAsync(string name, BenchMode mode, int callers)
    {
        ScenarioResult? result = null;
        await RunChildProcessAsync(name, mode, callers, line =>
        {
            if (!line.StartsWith(Scenarios.ResultPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            result = JsonSerializer.Deserialize<ScenarioResult>(line[Scenarios.ResultPrefix.Length..]);
            return true;
        });
        return result ?? throw new BenchmarkFailedException($"scenario {name} ({callers} callers) reported no result");
    }

    private static async Task<IReadOnlyList<Figure>> RunScaleChildAsync(string name, BenchMode mode)
    {
        IReadOnlyList<Figure>? figures = null;
        await RunChildProcessAsync(name, mode, 1, line =>
        {
            if (!line.StartsWith(ScaleScenarios.FiguresPrefix, StringComparison.Ordinal))
            {
                return false;
            }

            figures = JsonSerializer.Deserialize<List<Figure>>(line[ScaleScenarios.FiguresPrefix.Length..]);
            return true;
        });
        return figures ?? throw new BenchmarkFailedException($"scenario {name} reported no figures");
    }

    /// <summary>Runs one scenario in a child process; lines <paramref name="take"/> does not take go to stderr.</summary>
    private static async Task RunChildProcessAsync(string name, BenchMode mode, int callers, Func<string, bool> take)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var self = Environment.ProcessPath ?? throw new BenchmarkFailedException("cannot tell this program's path");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (var argument in new[] { "scenario", name, mode.Name, callers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkFailedException($"could not start scenario {name}");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (!take(line))
            {
                Console.Error.WriteLine(line);
            }
        }

        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"scenario {name} ({callers} callers) failed with exit code {process.ExitCode}; no figure is reported");
        }
    }

    private static void PrintTable(List<ScenarioResult> results)
    {
        Console.WriteLine($"| {"scenario",-26} | {"callers",7} | {"units",7} | {"seconds",7} | {"units/s",9} | {"bursts/s",9} | {"peak WS MB",10} | {"CPU ms/unit",11} | store");
        Console.WriteLine($"|{new string('-', 28)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 9)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 12)}|{new string('-', 13)}|------");
        foreach (var r in results)
        {
            Console.WriteLine($"| {r.Scenario,-26} | {r.Callers,7} | {r.Units,7} | {Format(r.Seconds, 2),7} | {Format(r.UnitsPerSecond, 0),9} | {Format(r.BurstsPerSecond, 0),9} | {Format(r.PeakWorkingSetMegabytes, 0),10} | {Format(r.CpuMillisecondsPerUnit, 3),11} | {r.Store}");
        }

        Console.WriteLine("units: workflow instances for engines, the interpreter and the burst floor; committed rows for raw-commit rows (there bursts/s = commits/s).");
    }

    private static void PrintFigures(List<Figure> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("| scenario | figure | value | target | met | details |");
        Console.WriteLine("|---|---|---:|---|---|---|");
        foreach (var f in figures)
        {
            var met = f.Met switch { true => "yes", false => "**no**", null => "" };
            Console.WriteLine($"| {f.Scenario} | {f.Name} | {Format(f.Value, f.Value < 100 ? 2 : 0)} {f.Unit} | {f.Target} | {met} | {f.Details} |");
        }
    }

    private static ScenarioResult Find(List<ScenarioResult> results, string scenario, int callers) =>
        results.Single(r => r.Scenario == scenario && r.Callers == callers);

    private static string Format(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
}

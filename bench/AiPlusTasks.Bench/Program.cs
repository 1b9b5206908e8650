using AiPlusTasks.Bench;

// dotnet run -c Release --project bench/AiPlusTasks.Bench -- quick|full
// Each scenario runs in a child process of its own (`scenario <name> <mode> [callers]`), so one engine's threads,
// JIT state and heap do not disturb the next and the peak working set is that scenario's own.
try
{
    return args switch
    {
        ["scenario", var name, var modeName, ..] when BenchMode.Parse(modeName) is { } mode =>
            await Scenarios.RunChildAsync(name, mode, args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1),
        [var modeName] when BenchMode.Parse(modeName) is { } mode => await Orchestrator.RunAsync(mode),
        _ => Usage(),
    };
}
catch (BenchmarkFailedException e)
{
    Console.Error.WriteLine($"BENCHMARK FAILED: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: AiPlusTasks.Bench quick|full");
    return 1;
}

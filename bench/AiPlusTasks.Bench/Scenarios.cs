using System.Text.Json;
using AiPlusTasks.Bench.Engine;
using AiPlusTasks.Bench.Floor;
using AiPlusTasks.Bench.Interpreter;
using AiPlusTasks.Bench.Peer;

namespace AiPlusTasks.Bench;

/// <summary>The scenarios by name, and how a child process runs one and reports it on stdout.</summary>
internal static class Scenarios
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<int> RunChildAsync(string name, BenchMode mode, int callers)
    {
        if (ScaleScenarios.All.FirstOrDefault(s => s.Name == name).Run is { } scale)
        {
            var figures = await scale(mode);
            Console.WriteLine(ScaleScenarios.FiguresPrefix + JsonSerializer.Serialize(figures));
            return 0;
        }

        var result = name switch
        {
            "workflowcore" => await PeerBenchmark.RunAsync(mode),
            "memory" => await EngineBenchmark.RunAsync(mode, EngineStore.Memory, "NORMAL", callers),
            "sqlite-normal" => await EngineBenchmark.RunAsync(mode, EngineStore.File, "NORMAL", callers),
            "sqlite-full" => await EngineBenchmark.RunAsync(mode, EngineStore.File, "FULL", callers),
            "postgres" => await EngineBenchmark.RunAsync(mode, EngineStore.Postgres, "NORMAL", callers),
            "postgres-round-trips" => await RunThroughRelayAsync(mode, callers),
            "breakdown" => await EngineBenchmark.RunAsync(mode, EngineStore.File, "NORMAL", callers, new CommandTally()) with { Scenario = "breakdown-sqlite-normal" },
            "interpreter" => await InterpreterBenchmark.RunAsync(mode, callers),
            "burst-floor" => await BurstFloorBenchmark.RunAsync(mode, callers),
            "raw-normal" => await RawCommitBenchmark.RunAsync("NORMAL", mode.RawCommitDuration),
            "raw-full" => await RawCommitBenchmark.RunAsync("FULL", mode.RawCommitDuration),
            _ => throw new BenchmarkFailedException($"unknown scenario '{name}'"),
        };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    private static async Task<ScenarioResult> RunThroughRelayAsync(BenchMode mode, int callers)
    {
        var (host, port) = BenchPostgres.Server;
        await using var relay = new RoundTripCounter(host, port);
        return await EngineBenchmark.RunAsync(mode, EngineStore.Postgres, "NORMAL", callers, relay: relay) with { Scenario = "postgres-round-trips" };
    }
}

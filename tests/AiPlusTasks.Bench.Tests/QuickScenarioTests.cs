using AiPlusTasks.Bench;
using AiPlusTasks.Bench.Engine;
using AiPlusTasks.Bench.Peer;

namespace AiPlusTasks.Bench.Tests;

/// <summary>
/// Guards the benchmark's engine-vs-peer scenario: on a small run both engines must finish every instance on the
/// approved branch, and a run where instances do not finish must fail instead of reporting a speed.
/// </summary>
public sealed class QuickScenarioTests
{
    [Theory]
    [InlineData(EngineStore.File, 1)]
    [InlineData(EngineStore.File, 4)]
    [InlineData(EngineStore.Memory, 4)]
    public async Task OurEngine_FinishesEveryInstance(EngineStore store, int callers)
    {
        var result = await EngineBenchmark.RunAsync(BenchMode.Check, store, "NORMAL", callers);

        Assert.Equal(BenchMode.Check.Instances, result.Units);
        Assert.Equal(2L * BenchMode.Check.Instances, result.Bursts);
        Assert.True(result.Seconds > 0);
    }

    [Fact]
    public async Task WorkflowCore_FinishesEveryInstance()
    {
        var result = await PeerBenchmark.RunAsync(BenchMode.Check);

        Assert.Equal(BenchMode.Check.Instances, result.Units);
        Assert.True(result.Seconds > 0);
    }

    [Fact]
    public async Task OurEngine_WhereInstancesFault_ReportsNoSpeed()
    {
        var failure = await Assert.ThrowsAsync<BenchmarkFailedException>(() =>
            EngineBenchmark.RunAsync(BenchMode.Check, EngineStore.File, "NORMAL", 4, definitionJson: BenchDefinition.Json(approved: false)));

        Assert.Contains($"0 of {BenchMode.Check.Instances + BenchMode.Check.WarmUp} instances finished", failure.Message, StringComparison.Ordinal);
    }
}

using AiPlusTasks.Bench.Floor;

namespace AiPlusTasks.Bench.Tests.Floor;

/// <summary>
/// Guards the burst-floor row on a small run: the engine's recorded statements replay to the same database and to
/// new rows round after round, and a recording that misses statements reports no speed.
/// </summary>
[Collection(StatementTraceCollection.Name)]
public sealed class BurstFloorTests
{
    [Fact]
    public async Task BurstFloor_ReplaysTheEnginesStatements_ReportsEveryReplayedBurst()
    {
        var result = await BurstFloorBenchmark.RunAsync(BenchMode.Check, 4);

        Assert.Equal(BenchMode.Check.Instances, result.Units);
        Assert.Equal(2L * BenchMode.Check.Instances, result.Bursts);
        Assert.True(result.BurstsPerCommit >= 1);
        Assert.Contains("writes", result.Store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurstFloor_WhereTheRecordingMissesTheJournal_ReportsNoSpeed()
    {
        var failure = await Assert.ThrowsAsync<BenchmarkFailedException>(() =>
            BurstFloorBenchmark.RunAsync(BenchMode.Check, 4, replayed: s => !s.Sql.StartsWith("INSERT INTO \"Journal\"", StringComparison.Ordinal)));

        Assert.Contains("Journal", failure.Message, StringComparison.Ordinal);
        Assert.Contains("misses statements", failure.Message, StringComparison.Ordinal);
    }
}

namespace AiPlusTasks.Bench.Engine;

/// <summary>
/// The engine row: start every instance, then raise every event by correlation id, on a given number of concurrent
/// callers (<see cref="BenchEngineHost"/>). Each call commits its burst before it returns, so when the last call
/// returns every instance has finished; the database is then checked to be sure.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<ScenarioResult> RunAsync(
        BenchMode mode, EngineStore store, string synchronous, int callers, CommandTally? tally = null, string? definitionJson = null, RoundTripCounter? relay = null)
    {
        await using var engine = await BenchEngineHost.StartAsync(store, synchronous, tally, definitionJson, relay);
        await engine.RunBatchAsync("warm", mode.WarmUp, callers);
        using var batches = new CommitBatches();
        tally?.Reset();
        relay?.Reset();
        var stopwatch = RunClock.Start();
        await engine.RunBatchAsync("run", mode.Instances, callers);
        stopwatch.Stop();
        var sqlCommands = tally?.Commands ?? 0;
        var sqlTime = tally?.Duration ?? TimeSpan.Zero;
        var roundTrips = relay?.RoundTrips ?? 0;
        var bytesSent = relay?.BytesSent ?? 0;
        await engine.CheckAllFinishedAsync(mode.WarmUp + mode.Instances, $"engine ({store}, {callers} callers)");

        var storeName = store switch
        {
            EngineStore.File => $"SQLite file, WAL, synchronous={synchronous}",
            EngineStore.Memory => "SQLite in-memory (shared cache), not a separate store",
            _ => $"PostgreSQL {engine.PostgresVersion} on loopback, Quartz clustered",
        } + FormattableString.Invariant($"; {batches.MeanSize:F1} bursts per commit");
        if (tally is not null)
        {
            storeName += FormattableString.Invariant(
                $"; {(double)sqlCommands / mode.Instances:F1} SQL commands per instance, {sqlTime.TotalSeconds / stopwatch.Elapsed.TotalSeconds:P0} of the time inside them");
        }

        if (relay is not null)
        {
            storeName += FormattableString.Invariant(
                $"; through a counting relay: {(double)roundTrips / (2 * mode.Instances):F1} round trips and {(double)bytesSent / (2 * mode.Instances):F0} bytes sent per burst");
        }

        return new ScenarioResult(
            $"aiplustasks-{store switch { EngineStore.File => "sqlite-" + synchronous.ToLowerInvariant(), EngineStore.Memory => "memory", _ => "postgres" }}",
            storeName,
            callers,
            mode.Instances,
            2L * mode.Instances,
            stopwatch.Elapsed.TotalSeconds,
            PeakWorkingSet.Bytes()) { CpuSeconds = stopwatch.CpuSeconds, MethodsJitted = stopwatch.MethodsJitted, BurstsPerCommit = batches.MeanSize };
    }
}

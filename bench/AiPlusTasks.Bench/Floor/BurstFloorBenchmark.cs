using System.Globalization;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// The limit for a design that persists every burst: the SQL the engine ran for some bench instances
/// (<see cref="BurstRecording"/>), replayed round after round on a copy of the engine's database with prepared
/// commands and no interpreter, runtime or EF Core (<see cref="StatementReplayer"/>). The transactions are the
/// engine's own, as recorded — the same bursts per commit. Round 0 replays the recorded values and must leave the
/// database exactly as the engine left it (so the recording holds every statement that changed it); each later round
/// writes new rows (<see cref="RoundIds"/>) and every statement must return and change as many rows as in round 0;
/// in the end every table must hold as many rows as the rounds wrote. Only then is a speed reported.
/// </summary>
internal static class BurstFloorBenchmark
{
    /// <summary>Rounds of the recorded instances that are timed; the recording holds Instances / TimedRounds instances.</summary>
    private const int TimedRounds = 10;

    /// <summary>Rounds replayed, untimed, between the checked round 0 and the timed ones.</summary>
    private const int WarmUpRounds = 3;

    /// <param name="mode">The run's size: the recording holds a tenth of its instances, replayed 10 times.</param>
    /// <param name="callers">The engine's concurrent callers while recording.</param>
    /// <param name="replayed">Which recorded statements to replay: all by default (a test leaves some out to prove
    /// that a recording missing statements reports no speed).</param>
    public static async Task<ScenarioResult> RunAsync(BenchMode mode, int callers, Func<TracedStatement, bool>? replayed = null)
    {
        var folder = TempFolder.Create();
        try
        {
            var recording = await BurstRecording.RecordAsync(folder, mode.WarmUp, Math.Max(1, mode.Instances / TimedRounds), callers);
            var statements = CommitOrder.Of(recording.Statements.Where(replayed ?? (_ => true)).Select(ReplayStatement.From));
            var ids = new RoundIds(recording);
            using var replayer = new StatementReplayer(recording.SnapshotFile, "NORMAL");
            var before = await TableContent.ReadAsync(replayer.ConnectionString);

            var recorded = statements.Select(s => replayer.Execute(s, ids.Values(s, 0))).ToList();
            await CheckSameAsEngineAsync(recording, replayer);

            var rounds = Enumerable.Range(1, WarmUpRounds + TimedRounds).Select(r => statements.Select(s => ids.Values(s, r)).ToList()).ToList();
            RunRounds(replayer, statements, recorded, rounds[..WarmUpRounds]);
            var stopwatch = RunClock.Start();
            RunRounds(replayer, statements, recorded, rounds[WarmUpRounds..]);
            stopwatch.Stop();
            await CheckRowCountsAsync(recording, replayer, before, 1 + rounds.Count);

            var instances = TimedRounds * recording.Instances;
            var bursts = 2L * instances;
            return new ScenarioResult(
                "burst-floor",
                Describe(recording, statements),
                1,
                instances,
                bursts,
                stopwatch.Elapsed.TotalSeconds,
                PeakWorkingSet.Bytes()) { CpuSeconds = stopwatch.CpuSeconds, MethodsJitted = stopwatch.MethodsJitted, BurstsPerCommit = recording.BurstsPerCommit };
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    private static void RunRounds(StatementReplayer replayer, List<ReplayStatement> statements, List<(int Rows, int Changed)> recorded, IEnumerable<List<object?[]>> rounds)
    {
        foreach (var values in rounds)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                var effect = replayer.Execute(statements[i], values[i]);
                if (effect != recorded[i])
                {
                    throw new BenchmarkFailedException(
                        $"burst-floor: a replayed statement returned {effect.Rows} and changed {effect.Changed} rows, in round 0 {recorded[i].Rows} and {recorded[i].Changed}: {statements[i].Sql}");
                }
            }
        }
    }

    private static async Task CheckSameAsEngineAsync(BurstRecording recording, StatementReplayer replayer)
    {
        var replayed = await TableContent.ReadAsync(replayer.ConnectionString);
        var different = recording.After.Where(t => !replayed.TryGetValue(t.Key, out var r) || r != t.Value).Select(t => t.Key).ToList();
        if (different.Count > 0)
        {
            throw new BenchmarkFailedException(
                $"burst-floor: replaying the recorded statements did not leave the database as the engine did (tables {string.Join(", ", different)}): the recording misses statements");
        }
    }

    private static async Task CheckRowCountsAsync(BurstRecording recording, StatementReplayer replayer, Dictionary<string, (long Rows, string Hash)> before, int rounds)
    {
        var now = await TableContent.ReadAsync(replayer.ConnectionString);
        foreach (var (table, (rows, _)) in before)
        {
            var expected = rows + (rounds * (recording.After[table].Rows - rows));
            if (now[table].Rows != expected)
            {
                throw new BenchmarkFailedException($"burst-floor: table {table} holds {now[table].Rows} rows after {rounds} rounds, expected {expected}");
            }
        }
    }

    private static string Describe(BurstRecording recording, List<ReplayStatement> statements)
    {
        var bursts = 2.0 * recording.Instances;
        string PerBurst(StatementKind kind) => (statements.Count(s => s.Kind == kind) / bursts).ToString("F1", CultureInfo.InvariantCulture);
        return FormattableString.Invariant(
            $"SQLite file, WAL, synchronous=NORMAL; replay of {statements.Count / bursts:F1} statements per burst ({PerBurst(StatementKind.Read)} reads, ") +
            FormattableString.Invariant(
                $"{PerBurst(StatementKind.Write)} writes, {PerBurst(StatementKind.Transaction)} transaction) on {statements.Select(s => s.Connection).Distinct().Count()} connections; ") +
            FormattableString.Invariant($"{recording.BurstsPerCommit:F1} bursts per commit as recorded from {recording.Instances} instances");
    }
}

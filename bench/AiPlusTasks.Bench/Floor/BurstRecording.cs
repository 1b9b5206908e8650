using AiPlusTasks.Bench.Engine;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// What the engine ran for some bench instances: every SQL statement its connections started while those instances
/// ran (<see cref="SqliteStatementTrace"/> on a real run: 4 callers, SQLite WAL file, synchronous NORMAL) — the
/// bursts' reads, their group-commit transactions, and whatever the engine's background work did meanwhile (the
/// outbox dispatcher marking the bursts' events) — with a copy of the database as it was just before, and what the
/// database held just after.
/// </summary>
/// <param name="Statements">The statements, in the order they started.</param>
/// <param name="Instances">Bench instances started and finished while recording (2 bursts each).</param>
/// <param name="CorrelationPrefix">Their correlation ids are this, a dash and a number.</param>
/// <param name="SnapshotFile">A copy of the engine's database taken just before recording.</param>
/// <param name="After">Rows and content per table just after recording.</param>
/// <param name="Keys">The generated integer keys, with those generated while recording.</param>
/// <param name="BurstsPerCommit">Bursts per group-commit transaction while recording (the engine's own meter).</param>
internal sealed record BurstRecording(
    IReadOnlyList<TracedStatement> Statements,
    int Instances,
    string CorrelationPrefix,
    string SnapshotFile,
    IReadOnlyDictionary<string, (long Rows, string Hash)> After,
    IReadOnlyList<IntegerKey> Keys,
    double BurstsPerCommit)
{
    /// <summary>How long the engine's connections must be idle before recording starts and after it ends.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>Runs the engine (warm-up first, unrecorded), then records <paramref name="instances"/> instances.</summary>
    public static async Task<BurstRecording> RecordAsync(string folder, int warmUp, int instances, int callers)
    {
        SqliteStatementTrace.Install();
        await using var engine = await BenchEngineHost.StartAsync(EngineStore.File, "NORMAL");
        SqliteStatementTrace.Watch(new SqliteConnectionStringBuilder(engine.ConnectionString).DataSource);
        await engine.RunBatchAsync("warm", warmUp, callers);
        await SqliteStatementTrace.WaitForQuietAsync(Quiet);

        var snapshot = Path.Combine(folder, "floor.db");
        await using (var connection = new SqliteConnection(engine.ConnectionString))
        {
            await connection.OpenAsync();
            await using var copy = connection.CreateCommand();
            copy.CommandText = "VACUUM INTO $file";
            copy.Parameters.AddWithValue("$file", snapshot);
            await copy.ExecuteNonQueryAsync();
        }

        var keysBefore = await IntegerKey.ReadAsync(engine.ConnectionString);
        using var batches = new CommitBatches();
        const string Prefix = "rec";
        SqliteStatementTrace.Take();
        SqliteStatementTrace.Recording = true;
        try
        {
            await engine.RunBatchAsync(Prefix, instances, callers);
            await SqliteStatementTrace.WaitForQuietAsync(Quiet);
        }
        finally
        {
            SqliteStatementTrace.Recording = false;
            SqliteStatementTrace.Watch(null);
        }

        var statements = SqliteStatementTrace.Take();
        var after = await TableContent.ReadAsync(engine.ConnectionString);
        var keysAfter = await IntegerKey.ReadAsync(engine.ConnectionString);
        await engine.CheckAllFinishedAsync(warmUp + instances, "engine while recording");

        var keys = keysAfter.Select(k => new IntegerKey(k.Key, k.Value.Column, keysBefore[k.Key].Max, k.Value.Max)).Where(k => k.Span > 0).ToList();
        return new BurstRecording(statements, instances, Prefix, snapshot, after, keys, batches.MeanSize);
    }
}

using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench;

/// <summary>
/// The ceiling for a durable engine on this disk: one INSERT of a ~1 KB row per transaction, one connection, on a
/// WAL file in the temp folder, with the given <c>synchronous</c> level — as fast as SQLite can commit.
/// </summary>
internal static class RawCommitBenchmark
{
    public static async Task<ScenarioResult> RunAsync(string synchronous, TimeSpan duration)
    {
        var folder = TempFolder.Create();
        try
        {
            var file = Path.Combine(folder, "raw.db");
            await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            await connection.OpenAsync();
            await ExecuteAsync(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};");
            await ExecuteAsync(connection, "CREATE TABLE rows (id INTEGER PRIMARY KEY, created TEXT NOT NULL, payload TEXT NOT NULL);");

            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO rows (created, payload) VALUES ($created, $payload);";
            var created = insert.Parameters.Add("$created", SqliteType.Text);
            var payload = insert.Parameters.Add("$payload", SqliteType.Text);
            payload.Value = new string('x', 1024);
            insert.Prepare();

            var rows = 0;
            var stopwatch = RunClock.Start();
            while (stopwatch.Elapsed < duration)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                insert.Transaction = (SqliteTransaction)transaction;
                created.Value = stopwatch.Elapsed.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                rows++;
            }

            stopwatch.Stop();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM rows;";
            var stored = Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            if (stored != rows)
            {
                throw new BenchmarkFailedException($"raw commits: {rows} committed but {stored} rows stored");
            }

            return new ScenarioResult($"raw-commit-{synchronous.ToLowerInvariant()}", $"SQLite file, WAL, synchronous={synchronous}", 1, rows, rows, stopwatch.Elapsed.TotalSeconds, PeakWorkingSet.Bytes()) { CpuSeconds = stopwatch.CpuSeconds, MethodsJitted = stopwatch.MethodsJitted };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempFolder.Delete(folder);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

using System.Diagnostics;
using AiPlusTasks.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Loads many rows of one of the engine's entity types fast: one transaction, one prepared INSERT on the bench's own
/// connection. Columns, names and value conversions (enums as text, times as sortable numbers) come from the
/// engine's own EF Core model, so the rows are exactly what the engine would have written. The table's secondary
/// indexes are dropped for the load and re-created afterwards from their own SQL in <c>sqlite_master</c> (the same
/// indexes the migrations made; building them once after the load is much faster than keeping them up to date row by row).
/// </summary>
internal static class BulkLoader
{
    public static async Task<Loaded> LoadAsync<T>(ScaleHost host, IEnumerable<T> rows)
        where T : class
    {
        IReadOnlyList<IProperty> properties;
        string table;
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var entity = db.Model.FindEntityType(typeof(T)) ?? throw new BenchmarkFailedException($"{typeof(T).Name} is not in the engine's model");
            table = entity.GetTableName() ?? throw new BenchmarkFailedException($"{typeof(T).Name} has no table");
            properties = [.. entity.GetProperties()];
        }

        await using var connection = await host.OpenConnectionAsync();

        // The primary key is a random text id: with SQLite's default 2 MB page cache most inserts would miss the cache.
        await Sql.ExecuteAsync(connection, "PRAGMA cache_size = -524288");
        var indexes = await Sql.RowsAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL", ("$table", table));
        foreach (var index in indexes)
        {
            await Sql.ExecuteAsync(connection, $"DROP INDEX \"{index.Split(" | ")[0]}\"");
        }

        var stopwatch = Stopwatch.StartNew();
        long count = 0;
        await using (var transaction = connection.BeginTransaction())
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName()}\""))}) " +
                $"VALUES ({string.Join(", ", properties.Select((_, i) => $"$p{i}"))})";
            var parameters = properties.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            var getters = properties.Select(p => p.GetGetter()).ToArray();
            var converters = properties.Select(p => p.GetTypeMapping().Converter).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    var value = getters[i].GetClrValue(row);
                    if (value is not null && converters[i] is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }

                    parameters[i].Value = value ?? DBNull.Value;
                }

                // Synchronous on purpose: Microsoft.Data.Sqlite runs async calls synchronously, minus the Task per row.
                insert.ExecuteNonQuery();
                count++;
            }

            await transaction.CommitAsync();
        }

        var inserted = stopwatch.Elapsed;

        foreach (var index in indexes)
        {
            await Sql.ExecuteAsync(connection, index[(index.IndexOf(" | ", StringComparison.Ordinal) + 3)..]);
        }

        return new Loaded(count, inserted, stopwatch.Elapsed - inserted, indexes.Count);
    }

    /// <param name="Rows">Rows inserted.</param>
    /// <param name="Inserting">Time to insert and commit them.</param>
    /// <param name="Indexing">Time to re-create the secondary indexes.</param>
    /// <param name="Indexes">How many secondary indexes were re-created.</param>
    internal sealed record Loaded(long Rows, TimeSpan Inserting, TimeSpan Indexing, int Indexes);
}

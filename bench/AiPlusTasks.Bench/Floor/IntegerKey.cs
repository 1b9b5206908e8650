using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// A table's integer key that SQLite generates (<c>INTEGER PRIMARY KEY</c>), and the keys generated while recording:
/// those above <paramref name="Before"/> up to <paramref name="After"/>. A replayed round inserts as many rows in the
/// same order, so its rows get the recorded keys moved up by the span; a statement that names one of those rows by
/// key must name the moved one.
/// </summary>
internal sealed record IntegerKey(string Table, string Column, long Before, long After)
{
    public long Span => After - Before;

    public bool Generated(long key) => key > Before && key <= After;

    /// <summary>The generated integer key of every table that has one, and its largest value now.</summary>
    public static async Task<Dictionary<string, (string Column, long Max)>> ReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var keys = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        foreach (var table in await TableContent.TablesAsync(connection))
        {
            await using var info = connection.CreateCommand();
            info.CommandText = "SELECT name, type FROM pragma_table_info($table) WHERE pk > 0";
            info.Parameters.AddWithValue("$table", table);
            var key = new List<(string Name, string Type)>();
            await using (var reader = await info.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    key.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            if (key is [{ Type: var type } column] && type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            {
                await using var max = connection.CreateCommand();
                max.CommandText = $"SELECT COALESCE(MAX({TableContent.Quote(column.Name)}), 0) FROM {TableContent.Quote(table)}";
                keys[table] = (column.Name, (long)(await max.ExecuteScalarAsync())!);
            }
        }

        return keys;
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>
/// Every stored row of the host's SQLite file, by table and rowid, as a hash and its text: taken before a sweep and
/// compared after it, so a row that changed or vanished without an accepted request naming it is caught.
/// </summary>
public sealed class DatabaseSnapshot
{
    private readonly Dictionary<string, Dictionary<long, (string Hash, string Text)>> _tables;

    private DatabaseSnapshot(Dictionary<string, Dictionary<long, (string Hash, string Text)>> tables) => _tables = tables;

    public int RowCount => _tables.Values.Sum(t => t.Count);

    public static async Task<DatabaseSnapshot> TakeAsync(string databasePath)
    {
        await using var connection = Open(databasePath);
        var tables = new Dictionary<string, Dictionary<long, (string, string)>>(StringComparer.Ordinal);
        foreach (var table in await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        {
            var rows = new Dictionary<long, (string, string)>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT rowid, * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var text = new StringBuilder();
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(reader.GetName(i)).Append('=').Append(value is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\u241E');
                }

                var row = text.ToString();
                rows[reader.GetInt64(0)] = (Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(row))), row);
            }

            tables[table] = rows;
        }

        return new DatabaseSnapshot(tables);
    }

    /// <summary>
    /// The rows of this (earlier) snapshot that are changed or gone in <paramref name="after"/> although no id an accepted
    /// request named appears in them; each described by table and rowid.
    /// </summary>
    public IReadOnlyList<string> UnexplainedChanges(DatabaseSnapshot after, IReadOnlyCollection<string> touchedIds)
    {
        var unexplained = new List<string>();
        foreach (var (table, rows) in _tables)
        {
            var later = after._tables.GetValueOrDefault(table) ?? [];
            foreach (var (rowid, (hash, text)) in rows)
            {
                var state = !later.TryGetValue(rowid, out var now) ? "lost" : now.Hash != hash ? "changed" : null;
                if (state is not null && !touchedIds.Any(id => text.Contains(id, StringComparison.Ordinal)))
                {
                    unexplained.Add($"{table} rowid {rowid} {state}: {(text.Length > 300 ? text[..300] + "…" : text)}");
                }
            }
        }

        return unexplained;
    }

    /// <summary>What <c>PRAGMA integrity_check</c> and <c>PRAGMA foreign_key_check</c> report beyond "ok".</summary>
    public static async Task<IReadOnlyList<string>> IntegrityProblemsAsync(string databasePath)
    {
        await using var connection = Open(databasePath);
        var integrity = await QueryAsync(connection, "PRAGMA integrity_check");
        var foreignKeys = await QueryAsync(connection, "PRAGMA foreign_key_check");
        return [.. integrity.Where(line => line != "ok"), .. foreignKeys.Select(table => $"foreign key violation in {table}")];
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }
}

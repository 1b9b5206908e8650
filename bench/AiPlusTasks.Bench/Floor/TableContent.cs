using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// What a SQLite database holds, table by table: the number of rows and a hash of every row's values (rows sorted, so
/// it does not depend on the order rows are stored in, which <c>VACUUM</c> may change).
/// </summary>
internal static class TableContent
{
    public static async Task<Dictionary<string, (long Rows, string Hash)>> ReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var content = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection))
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM {Quote(table)}";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(Text(reader.GetValue(i))).Append('\u001f');
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows))));
            content[table] = (rows.Count, hash);
        }

        return content;
    }

    /// <summary>Every table but SQLite's own, by name.</summary>
    public static async Task<List<string>> TablesAsync(SqliteConnection connection)
    {
        var tables = new List<string>();
        await using var list = connection.CreateCommand();
        list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    public static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => "x" + Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => "'" + value,
    };
}

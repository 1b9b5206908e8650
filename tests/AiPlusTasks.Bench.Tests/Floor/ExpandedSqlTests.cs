using System.Text;
using AiPlusTasks.Bench.Floor;
using CsCheck;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench.Tests.Floor;

/// <summary>
/// The floor reads parameter values back from SQLite's expanded statement text: whatever values are bound (integers,
/// reals, text with quotes and non-ASCII, blobs, NULL), the values read back are the values bound.
/// </summary>
[Collection(StatementTraceCollection.Name)]
public sealed class ExpandedSqlTests : IDisposable
{
    private readonly string _folder = TempFolder.Create();

    private static readonly Gen<object?> Value = Gen.OneOf<object?>(
        Gen.Long.Select(v => (object?)v),
        Gen.Double.Where(double.IsFinite).Select(v => (object?)v),
        Gen.String.Select(v => (object?)v),
        Gen.Const<string>("it's a \"quote\" -- and @p1 and '' 中文").Select(v => (object?)v),
        Gen.Byte.Array[0, 16].Select(v => (object?)v),
        Gen.Int[0, 0].Select(_ => (object?)null));

    [Fact]
    public void Values_OfAnyBoundValues_AreTheValuesBound()
    {
        var file = Path.Combine(_folder, "expanded.db");
        SqliteStatementTrace.Install();
        SqliteStatementTrace.Watch(file);
        try
        {
            using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            Value.Array[1, 6].Sample(values =>
            {
                using var command = connection.CreateCommand();
                var sql = new StringBuilder("SELECT 'x' = '@not' AS \"@q\"");
                for (var i = 0; i < values.Length; i++)
                {
                    sql.Append(", @p").Append(i);
                    command.Parameters.AddWithValue("@p" + i, values[i] ?? DBNull.Value);
                }

                command.CommandText = sql.ToString();
                SqliteStatementTrace.Take();
                SqliteStatementTrace.Recording = true;
                command.ExecuteNonQuery();
                SqliteStatementTrace.Recording = false;
                var traced = Assert.Single(SqliteStatementTrace.Take());

                var read = ExpandedSql.Values(traced.Sql, traced.Expanded);

                Assert.Equal(values.Select((_, i) => "@p" + i), read.Select(p => p.Name));
                for (var i = 0; i < values.Length; i++)
                {
                    Assert.Equal(Expected(values[i]), read[i].Value);
                }
            }, iter: 300, threads: 1); // one connection and one process-wide trace: one sample at a time
        }
        finally
        {
            SqliteStatementTrace.Recording = false;
            SqliteStatementTrace.Watch(null);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
    }

    /// <summary>SQLite writes reals with 15 significant digits, and integral reals as integers' text plus ".0".</summary>
    private static object? Expected(object? bound) => bound switch
    {
        double real => double.Parse(real.ToString("G15", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
        _ => bound,
    };
}

using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>A SQLite file in a temp folder of its own; single node only (SQLite refuses Quartz clustering).</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aiplustasks-reliability", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase() => Directory.CreateDirectory(_directory);

    /// <summary>The database file the nodes share.</summary>
    public string FilePath => Path.Combine(_directory, "aiplustasks.db");

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:AiPlusTasks"] = $"Data Source={FilePath}",
    };

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        TestDatabaseFolder.Delete(_directory);
        return ValueTask.CompletedTask;
    }
}

using System.Data.Common;
using Npgsql;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// A database of its own (<c>aiplus_rel_&lt;random&gt;</c>) on the PostgreSQL server named by <see cref="ServerVariable"/>,
/// dropped (connections closed by force) afterwards.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>The environment variable with an admin connection string of the server, e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres</c>.</summary>
    public const string ServerVariable = "AIPLUSTASKS_POSTGRES";

    /// <summary>Set to <c>1</c> to skip the PostgreSQL tests when <see cref="ServerVariable"/> is unset (they fail otherwise).</summary>
    public const string OptionalVariable = "AIPLUSTASKS_POSTGRES_TESTS_OPTIONAL";

    private readonly ScratchPostgresDatabase _database;

    private PostgresTestDatabase(ScratchPostgresDatabase database) => _database = database;

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    private string ConnectionString => _database.ConnectionString;

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:AiPlusTasks"] = ConnectionString,
    };

    /// <summary>Creates the database; fails naming <see cref="ServerVariable"/> when it is unset.</summary>
    public static Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Server;
        Assert.True(server is not null, $"the PostgreSQL tests need {ServerVariable} (an admin connection string); set {OptionalVariable}=1 to skip them instead");
        return Task.FromResult(new PostgresTestDatabase(ScratchPostgresDatabase.Create(server!, "aiplus_rel_")));
    }

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync() => _database.DisposeAsync();
}

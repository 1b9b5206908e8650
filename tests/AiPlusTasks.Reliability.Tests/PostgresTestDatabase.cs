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

    private readonly string _server;
    private readonly string _name;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:AiPlusTasks"] = ConnectionString,
    };

    /// <summary>Creates the database; fails naming <see cref="ServerVariable"/> when it is unset.</summary>
    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = Server;
        Assert.True(server is not null, $"the PostgreSQL tests need {ServerVariable} (an admin connection string); set {OptionalVariable}=1 to skip them instead");
        var database = new PostgresTestDatabase(server!, "aiplus_rel_" + Guid.NewGuid().ToString("N")[..12]);
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database._name}", admin);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public override async Task<DbConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}

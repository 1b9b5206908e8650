using Npgsql;

namespace AiPlusTasks.Bench.Engine;

/// <summary>A database of its own on the PostgreSQL server the benchmark is given, dropped when disposed.</summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    /// <summary>The environment variable with an admin connection string (the same one the reliability tests use).</summary>
    public const string ServerVariable = "AIPLUSTASKS_POSTGRES";

    private readonly string _server;
    private readonly string _database;

    private BenchPostgres(string server, string database, string serverVersion)
    {
        _server = server;
        _database = database;
        ServerVersion = serverVersion;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 50 }.ToString();
    }

    public static bool Available => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 };

    public string ConnectionString { get; }

    public string ServerVersion { get; }

    public static async Task<BenchPostgres> CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new BenchmarkFailedException($"the postgres scenario needs {ServerVariable} (an admin connection string)");
        var database = $"aiplus_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync();
        return new BenchPostgres(server, database, connection.ServerVersion);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

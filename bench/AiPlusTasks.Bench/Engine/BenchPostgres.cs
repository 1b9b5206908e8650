using Npgsql;

namespace AiPlusTasks.Bench.Engine;

/// <summary>A database of its own on the PostgreSQL server the benchmark is given, dropped when disposed.</summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    /// <summary>The environment variable with an admin connection string (the same one the reliability tests use).</summary>
    public const string ServerVariable = "AIPLUSTASKS_POSTGRES";

    private readonly string _server;
    private readonly string _database;

    private BenchPostgres(string server, string database, string serverVersion, RoundTripCounter? relay)
    {
        _server = server;
        _database = database;
        ServerVersion = serverVersion;
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = database, MaxPoolSize = 50 };
        if (relay is not null)
        {
            builder.Host = "127.0.0.1";
            builder.Port = relay.Port;
        }

        ConnectionString = builder.ToString();
    }

    /// <summary>The server's host and port, from <see cref="ServerVariable"/>.</summary>
    public static (string Host, int Port) Server
    {
        get
        {
            var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(ServerVariable));
            return (server.Host ?? "127.0.0.1", server.Port);
        }
    }

    public static bool Available => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 };

    public string ConnectionString { get; }

    public string ServerVersion { get; }

    /// <summary>Creates the database; with <paramref name="relay"/>, the connection string goes through it.</summary>
    public static async Task<BenchPostgres> CreateDatabaseAsync(RoundTripCounter? relay = null)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable)
            ?? throw new BenchmarkFailedException($"the postgres scenario needs {ServerVariable} (an admin connection string)");
        var database = $"aiplus_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync();
        return new BenchPostgres(server, database, connection.ServerVersion, relay);
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

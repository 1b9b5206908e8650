using Npgsql;

namespace AiPlusTasks.Tests.Shared;

/// <summary>
/// A database of its own (<c>&lt;prefix&gt;&lt;random&gt;</c>) on a PostgreSQL server given by an admin connection string,
/// created at once and dropped — its connections closed by force — when disposed.
/// </summary>
public sealed class ScratchPostgresDatabase : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;

    private ScratchPostgresDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>The connection string of the new database (the server's, with its name).</summary>
    public string ConnectionString { get; }

    /// <param name="server">An admin connection string of the server.</param>
    /// <param name="prefix">The start of the database's name, saying which tests made it.</param>
    public static ScratchPostgresDatabase Create(string server, string prefix)
    {
        var database = new ScratchPostgresDatabase(server, prefix + Guid.NewGuid().ToString("N")[..12]);
        database.RunOnServer($"CREATE DATABASE {database._name}");
        return database;
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        RunOnServer($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        return ValueTask.CompletedTask;
    }

    private void RunOnServer(string sql)
    {
        using var admin = new NpgsqlConnection(_server);
        admin.Open();
        using var command = new NpgsqlCommand(sql, admin);
        command.ExecuteNonQuery();
    }
}

using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Bench.Floor;

/// <summary>
/// Runs recorded statements on a SQLite file with nothing else in the way: one connection per recorded connection
/// (the engine's settings: WAL, <c>synchronous</c> as given, the same busy timeout), one prepared command per
/// statement text and connection, reused with new values. Each statement is stepped to its end and every value of
/// every row it returns is read, as the engine reads them.
/// </summary>
internal sealed class StatementReplayer(string file, string synchronous) : IDisposable
{
    private readonly Dictionary<int, SqliteConnection> _connections = [];
    private readonly Dictionary<(int, string), SqliteCommand> _commands = [];

    public string ConnectionString { get; } = $"Data Source={file};Default Timeout=30";

    /// <summary>
    /// Runs one statement; returns the rows it returned and the rows it changed (SQLite's count of changes, which only
    /// an INSERT, UPDATE or DELETE sets: 0 for the others).
    /// </summary>
    public (int Rows, int Changed) Execute(ReplayStatement statement, object?[] values)
    {
        var command = Command(statement);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        var rows = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows++;
            for (var column = 0; column < reader.FieldCount; column++)
            {
                _ = reader.GetValue(column);
            }
        }

        reader.Close();
        return (rows, statement.Kind == StatementKind.Write ? reader.RecordsAffected : 0);
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }

        SqliteConnection.ClearAllPools();
    }

    private SqliteCommand Command(ReplayStatement statement)
    {
        if (_commands.TryGetValue((statement.Connection, statement.Sql), out var command))
        {
            return command;
        }

        var connection = Connection(statement.Connection);
        command = connection.CreateCommand();
        command.CommandText = statement.Sql;
        foreach (var name in statement.Names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        _commands.Add((statement.Connection, statement.Sql), command);
        return command;
    }

    private SqliteConnection Connection(int recorded)
    {
        if (!_connections.TryGetValue(recorded, out var connection))
        {
            connection = new SqliteConnection(ConnectionString);
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};";
            pragmas.ExecuteNonQuery();
            _connections.Add(recorded, connection);
        }

        return connection;
    }
}

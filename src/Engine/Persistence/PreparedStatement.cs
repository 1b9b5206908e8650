using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using AiPlusTasks.Engine.Telemetry;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// A command for one SQL text, made once per connection and reused while the connection lives (the group-commit writer
/// and the runtime's readers keep theirs open), with the position of its next value. Its parameters are made on first
/// use and get new values on every later one: clearing and re-adding them made Npgsql's automatic preparation insert a
/// row twice (docs/reliability.md). A connection is used by one caller at a time, and so are its statements.
/// </summary>
internal sealed class PreparedStatement
{
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, PreparedStatement>> Prepared = [];

    private readonly ISqlGenerationHelper _sql;
    private readonly string _operation;
    private int _next;

    private PreparedStatement(DbCommand command, ISqlGenerationHelper sql)
    {
        Command = command;
        _sql = sql;
        _operation = command.CommandText.TrimStart().Split(' ', 2)[0].ToUpperInvariant();
    }

    private DbCommand Command { get; }

    /// <summary>Runs the statement; see <see cref="StartSpan"/>.</summary>
    public async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        using var span = StartSpan();
        return await Command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Runs the statement and returns the first column of its first row; see <see cref="StartSpan"/>.</summary>
    public async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        using var span = StartSpan();
        return await Command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Runs the statement and opens its rows; the span covers the execution, not the reading. See <see cref="StartSpan"/>.</summary>
    public async Task<DbDataReader> ExecuteReaderAsync(CancellationToken cancellationToken)
    {
        using var span = StartSpan();
        return await Command.ExecuteReaderAsync(cancellationToken);
    }

    /// <summary>
    /// A client span for the statement (OpenTelemetry database conventions: operation, system, query text with
    /// placeholders, never values), when a tracer listens: these statements bypass EF Core, so its instrumentation does
    /// not see them (docs/decisions/035).
    /// </summary>
    private Activity? StartSpan()
    {
        if (!EngineTelemetry.Source.HasListeners())
        {
            return null;
        }

        var span = EngineTelemetry.Source.StartActivity(_operation, ActivityKind.Client);
        span?.SetTag("db.system.name", Command.Connection is Npgsql.NpgsqlConnection ? "postgresql" : "sqlite");
        span?.SetTag("db.operation.name", _operation);
        span?.SetTag("db.query.text", Command.CommandText);
        return span;
    }

    /// <summary>The statement for <paramref name="text"/> on <paramref name="connection"/>, in <paramref name="transaction"/> (if any), ready for its first value.</summary>
    public static PreparedStatement For(DbConnection connection, DbTransaction? transaction, string text, ISqlGenerationHelper sql)
    {
        var statements = Prepared.GetValue(connection, ForgottenWhenClosed);
        if (!statements.TryGetValue(text, out var statement))
        {
            var command = connection.CreateCommand();
            command.CommandText = text;
            statement = new PreparedStatement(command, sql);
            statements.Add(text, statement);
        }

        statement.Command.Transaction = transaction;
        statement._next = 0;
        return statement;
    }

    /// <summary>
    /// A connection's statements, dropped when it closes: a connection object opened again (a pooled context's) may get
    /// another physical connection, and a command prepared on the old one then fails (SQLite: "API misuse").
    /// </summary>
    private static Dictionary<string, PreparedStatement> ForgottenWhenClosed(DbConnection connection)
    {
        var statements = new Dictionary<string, PreparedStatement>(StringComparer.Ordinal);
        connection.StateChange += (_, change) =>
        {
            if (change.CurrentState == System.Data.ConnectionState.Closed)
            {
                foreach (var statement in statements.Values)
                {
                    statement.Command.Dispose();
                }

                statements.Clear();
            }
        };
        return statements;
    }

    /// <summary>The placeholder of positional parameter <paramref name="index"/> in SQL text.</summary>
    public static string Placeholder(ISqlGenerationHelper sql, int index) => sql.GenerateParameterNamePlaceholder(ParameterName(index));

    public void AddValues(object row, IReadOnlyList<RowColumn> columns)
    {
        foreach (var column in columns)
        {
            Add(column.Read(row));
        }
    }

    /// <summary>Sets the next positional parameter (<c>p0</c>, <c>p1</c>, … as the SQL names them).</summary>
    public void Add(object? value)
    {
        if (_next == Command.Parameters.Count)
        {
            var parameter = Command.CreateParameter();
            parameter.ParameterName = _sql.GenerateParameterName(ParameterName(_next));
            Command.Parameters.Add(parameter);
        }

        Command.Parameters[_next++].Value = value ?? DBNull.Value;
    }

    private static string ParameterName(int index) => "p" + index.ToString(CultureInfo.InvariantCulture);
}

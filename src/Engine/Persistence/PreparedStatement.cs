using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
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
    private int _next;

    private PreparedStatement(DbCommand command, ISqlGenerationHelper sql)
    {
        Command = command;
        _sql = sql;
    }

    public DbCommand Command { get; }

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

using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPlusTasks.Bench.Scale;

/// <summary>
/// Records the SQL (and parameter values) EF Core sends for the engine while <see cref="Recording"/> is on, so the bench
/// can ask SQLite how it runs exactly those statements (<c>EXPLAIN QUERY PLAN</c>). Off, it costs one flag check.
/// </summary>
internal sealed class SqlRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();

    public bool Recording { get; set; }

    /// <summary>The commands recorded since the last call, in order.</summary>
    public List<RecordedCommand> Take()
    {
        var taken = new List<RecordedCommand>();
        while (_commands.TryDequeue(out var command))
        {
            taken.Add(command);
        }

        return taken;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        if (Recording)
        {
            _commands.Enqueue(new RecordedCommand(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value))]));
        }
    }

    /// <param name="Sql">The statement.</param>
    /// <param name="Parameters">Its parameters' names and values.</param>
    internal sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
}

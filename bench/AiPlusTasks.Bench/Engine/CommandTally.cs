using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPlusTasks.Bench.Engine;

/// <summary>
/// Counts the SQL commands EF Core runs for the engine and the time they take (EF's own measured duration, which
/// covers SQLite's work and the ADO.NET provider, not EF's query compilation or change tracking). Only the
/// <c>breakdown</c> scenario registers it.
/// </summary>
internal sealed class CommandTally : DbCommandInterceptor
{
    private long _commands;
    private long _ticks;

    public long Commands => Interlocked.Read(ref _commands);

    public TimeSpan Duration => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Reset()
    {
        Interlocked.Exchange(ref _commands, 0);
        Interlocked.Exchange(ref _ticks, 0);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Add(eventData);
        return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Add(eventData);
        return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Add(eventData);
        return base.ScalarExecutedAsync(command, eventData, result, cancellationToken);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Add(eventData);
        return base.ReaderExecuted(command, eventData, result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Add(eventData);
        return base.NonQueryExecuted(command, eventData, result);
    }

    private void Add(CommandExecutedEventData eventData)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _ticks, eventData.Duration.Ticks);
    }
}

using System.Data.Common;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// What an effect knows of the burst that produced it, and the burst's transaction it reads and writes rows in through
/// the prepared-statement <see cref="RowReader"/> and <see cref="RowWriter"/>, without EF Core.
/// </summary>
internal sealed class EffectContext(string instanceId, DateTimeOffset now, RowReader reader, RowWriter writer, DbTransaction transaction)
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The burst's time.</summary>
    public DateTimeOffset Now { get; } = now;

    /// <summary>The rows <paramref name="query"/> finds for <paramref name="values"/>, as the burst's transaction sees them.</summary>
    public Task<List<T>> ReadAsync<T>(RowQuery<T> query, IReadOnlyList<object?> values, CancellationToken cancellationToken)
        where T : class => reader.ReadAsync(transaction, query, values, cancellationToken);

    /// <summary>Inserts <paramref name="rows"/>; generated keys are not read back.</summary>
    public Task InsertAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class => rows.Count == 0 ? Task.CompletedTask : writer.InsertAsync(transaction, rows, cancellationToken);

    /// <summary>
    /// Writes every column of <paramref name="row"/> if its concurrency token still has <paramref name="expectedToken"/>,
    /// the value it was read with.
    /// </summary>
    /// <exception cref="DbUpdateConcurrencyException">
    /// Another writer changed (or removed) the row since it was read: the same signal as EF Core's, so the burst runner
    /// retries the burst from a fresh read when its instance moved on, and fails it otherwise.
    /// </exception>
    public async Task UpdateAsync<T>(T row, object expectedToken, CancellationToken cancellationToken)
        where T : class
    {
        if (await writer.UpdateAsync(transaction, row, expectedToken, cancellationToken) == 0)
        {
            throw new DbUpdateConcurrencyException($"{typeof(T).Name} changed since the burst read it");
        }
    }
}

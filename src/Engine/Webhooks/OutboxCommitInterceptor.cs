using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Raises <see cref="OutboxSignal"/> after every commit — an explicit transaction's, or a <c>SaveChanges</c> that ran
/// in its own — so every writer of outbox events (bursts, task actions, plan rolls) wakes the dispatcher without each
/// having to remember to. A commit without events costs the dispatcher one indexed look at an empty queue. The burst
/// commit path commits on plain ADO.NET transactions and raises the signal itself, only when it wrote events.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        signal.Notify();
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => signal.Notify();

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SavedChanges(eventData, result);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            signal.Notify();
        }

        return result;
    }
}

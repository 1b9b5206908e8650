using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Raises <see cref="NotificationFanOutSignal"/> after every commit through EF Core (a 催办 by hand, task actions written
/// by services), like the webhooks' <c>OutboxCommitInterceptor</c>. The burst commit path writes on plain ADO.NET and
/// raises only the webhooks' signal; its events reach the fan-out at its next poll
/// (<see cref="NotificationOptions.PollInterval"/>).
/// </summary>
internal sealed class NotificationCommitInterceptor(NotificationFanOutSignal signal) : DbTransactionInterceptor, ISaveChangesInterceptor
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

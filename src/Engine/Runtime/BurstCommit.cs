using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// One burst's writes, ready to commit: its rows, the races it must win (the work item and bookmark it consumes, the
/// instance version it read), and its effects.
/// </summary>
internal sealed class BurstCommit(BurstRows rows, bool isNew, int readVersion, long? workItemId, string? consumedBookmarkId, Burst burst)
{
    public BurstRows Rows { get; } = rows;

    /// <summary>Whether committing the burst may add outbox events: its own, or its effects'.</summary>
    public bool MayWriteOutbox => Rows.Outbox.Count > 0 || burst.Effects.Count > 0;

    /// <summary>
    /// Writes the burst inside the caller's transaction, in an order that decides the races first: the consumed work
    /// item and bookmark (gone → someone else ran it), then the instance with its version check (moved on → run the
    /// burst again), then everything else, then the effects through the same writer. On any outcome but
    /// <see cref="CommitOutcome.Committed"/> the caller rolls back what this wrote.
    /// </summary>
    public async Task<CommitOutcome> WriteAsync(WorkflowDbContext db, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var writer = RowWriter.For(db);
        if (workItemId is { } item && await writer.DeleteAsync<WorkItemRecord>(transaction, item, cancellationToken) == 0)
        {
            return CommitOutcome.AlreadyConsumed;
        }

        if (consumedBookmarkId is not null && await writer.DeleteAsync<BookmarkRecord>(transaction, consumedBookmarkId, cancellationToken) == 0)
        {
            return CommitOutcome.AlreadyConsumed;
        }

        if (isNew)
        {
            await writer.InsertAsync(transaction, [Rows.Instance], cancellationToken);
        }
        else if (await writer.UpdateAsync(transaction, Rows.Instance, readVersion, cancellationToken) == 0)
        {
            return CommitOutcome.Conflict;
        }

        foreach (var removed in Rows.RemovedBookmarkIds.Where(id => id != consumedBookmarkId))
        {
            await writer.DeleteAsync<BookmarkRecord>(transaction, removed, cancellationToken);
        }

        await writer.InsertAsync(transaction, Rows.CreatedBookmarks, cancellationToken);
        await writer.InsertAsync(transaction, Rows.Journal, cancellationToken);
        await writer.InsertAsync(transaction, Rows.ChildInstances, cancellationToken);
        await writer.InsertAsync(transaction, Rows.Outbox, cancellationToken);
        foreach (var workItem in Rows.WorkItems)
        {
            workItem.Id = await writer.InsertReturningKeyAsync(transaction, workItem, cancellationToken);
        }

        var context = new EffectContext(Rows.Instance.Id, burst.Now, RowReader.For(db), writer, transaction);
        foreach (var effect in burst.Effects)
        {
            var persistent = effect as IPersistentEffect
                ?? throw new InvalidOperationException($"no capability of the engine turns the effect {effect.GetType().Name} into rows");
            await persistent.ApplyAsync(context, cancellationToken);
        }

        return CommitOutcome.Committed;
    }
}

/// <summary>The rows one burst writes besides its effects; work items get their keys when written.</summary>
internal sealed record BurstRows(WorkflowInstanceRecord Instance)
{
    public List<BookmarkRecord> CreatedBookmarks { get; } = [];

    public List<string> RemovedBookmarkIds { get; } = [];

    public List<JournalRecord> Journal { get; } = [];

    public List<WorkflowInstanceRecord> ChildInstances { get; } = [];

    public List<WorkItemRecord> WorkItems { get; } = [];

    public List<OutboxRecord> Outbox { get; } = [];
}

/// <summary>How a burst's commit ended.</summary>
internal enum CommitOutcome
{
    Committed,

    /// <summary>The work item or the bookmark the burst consumes was already gone: someone else ran it.</summary>
    AlreadyConsumed,

    /// <summary>The instance changed since it was read: run the burst again from a fresh read.</summary>
    Conflict,
}

using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Telemetry;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Commits the bursts of every caller through one writer, several to a transaction (group commit,
/// docs/decisions/007). SQLite lets one writer in at a time anyway; batching pays a commit's fixed cost — a
/// connection, BEGIN, COMMIT and its WAL write — once for the batch. Each burst of a batch runs inside a savepoint,
/// so one that lost a race or failed is rolled back alone and the rest commit. A caller returns only after the
/// COMMIT of its batch, so a burst is exactly as durable as with a commit of its own.
/// </summary>
/// <remarks>
/// There is no writer thread (docs/decisions/017): a caller that finds no batch being written writes one itself — its
/// own burst and whatever waits — and callers that arrive meanwhile wait for the next. The writer of a batch, when
/// others still wait, hands the writing over to the longest waiting of them instead of writing on for them.
/// </remarks>
public sealed class BurstCommitter : IAsyncDisposable
{
    private readonly ConcurrentQueue<Pending> _waiting = new();

    /// <summary>Held by the one caller writing a batch; handed from writer to writer while bursts wait.</summary>
    private readonly SemaphoreSlim _writing = new(1, 1);

    private readonly IDbContextFactory<WorkflowDbContext> _dbFactory;
    private readonly OutboxSignal _outbox;
    private readonly int _maxBatch;
    private volatile bool _disposed;

    /// <summary>The writers' context, kept open between batches; dropped after a failure so the next batch starts clean.</summary>
    private WorkflowDbContext? _db;

    public BurstCommitter(IDbContextFactory<WorkflowDbContext> dbFactory, OutboxSignal outbox, IOptions<EngineOptions> options)
    {
        _dbFactory = dbFactory;
        _outbox = outbox;
        _maxBatch = options.Value.MaxBurstsPerCommit;
    }

    /// <summary>Commits one burst with whatever others are waiting; returns once it committed (or did not).</summary>
    /// <exception cref="Exception">What writing the burst or committing its batch threw; nothing of it was committed.</exception>
    internal async Task<CommitOutcome> CommitAsync(BurstCommit commit)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var pending = new Pending(commit);
        _waiting.Enqueue(pending);
        if (_writing.Wait(0) || await pending.Turn.Task)
        {
            await WriteUntilDoneAsync(pending);
        }

        return pending.Outcome();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        await _writing.WaitAsync();
        while (!_waiting.IsEmpty)
        {
            await WriteBatchAsync();
        }

        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    /// <summary>Holding the writing: writes batches until <paramref name="own"/> is written, then passes the writing on.</summary>
    private async Task WriteUntilDoneAsync(Pending own)
    {
        while (!own.IsDone)
        {
            await WriteBatchAsync();
        }

        // Hand over to the longest waiting burst's caller; with none, let go, unless one arrived as we let go and found
        // the writing still held (then it waits for a turn nobody else would give it).
        while (true)
        {
            if (_waiting.TryPeek(out var next))
            {
                next.Turn.TrySetResult(true);
                return;
            }

            _writing.Release();
            if (_waiting.IsEmpty || !_writing.Wait(0))
            {
                return;
            }
        }
    }

    private async Task WriteBatchAsync()
    {
        var batch = new List<Pending>(Math.Min(_maxBatch, _waiting.Count));
        while (batch.Count < _maxBatch && _waiting.TryDequeue(out var pending))
        {
            batch.Add(pending);
        }

        // Written in one order everywhere — by instance id, a stable sort so one instance's bursts keep their
        // order — two nodes' batches lock the rows they share in the same order instead of deadlocking.
        using (var span = EngineTelemetry.Source.StartActivity("burst.commit"))
        {
            span?.SetTag("aiplustasks.commit.batch_size", batch.Count);
            await CommitBatchAsync([.. batch.OrderBy(p => p.Commit.Rows.Instance.Id, StringComparer.Ordinal)]);
        }

        EngineTelemetry.CommitBatchSize.Record(batch.Count);
    }

    /// <summary>
    /// Writes and commits one batch and tells every caller how its burst ended; never throws. The transaction is plain
    /// ADO.NET (effects write through the same prepared-statement writer). After a commit that wrote outbox events (or
    /// effects, which may) the webhook dispatcher is woken.
    /// </summary>
    private async Task CommitBatchAsync(List<Pending> batch)
    {
        var outcomes = new CommitOutcome[batch.Count];
        var failures = new Exception?[batch.Count];
        try
        {
            if (_db is null)
            {
                _db = await _dbFactory.CreateDbContextAsync();
                await _db.Database.OpenConnectionAsync();
            }

            var db = _db;
            await using var transaction = await db.Database.GetDbConnection().BeginTransactionAsync();
            if (batch.Count == 1)
            {
                // Alone: no savepoint needed; anything but success leaves the transaction uncommitted.
                outcomes[0] = await batch[0].Commit.WriteAsync(db, transaction, CancellationToken.None);
                if (outcomes[0] == CommitOutcome.Committed)
                {
                    await transaction.CommitAsync();
                }
            }
            else
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    (outcomes[i], failures[i]) = await WriteInSavepointAsync(db, transaction, batch[i].Commit);
                }

                await transaction.CommitAsync();
            }

            if (batch.Where((p, i) => outcomes[i] == CommitOutcome.Committed && failures[i] is null).Any(p => p.Commit.MayWriteOutbox))
            {
                _outbox.Notify();
            }
        }
        catch (Exception e) when (batch.Count > 1 && DatabaseErrors.IsTransient(e))
        {
            // The database rolled the whole batch back, e.g. a deadlock with another node's batch over rows of one
            // instance: commit each burst alone, so only a burst that meets the failure again fails.
            await DropContextAsync();
            foreach (var pending in batch)
            {
                await CommitBatchAsync([pending]);
            }

            return;
        }
        catch (Exception e)
        {
            // The batch did not commit: every burst not already failed on its own fails with the cause.
            for (var i = 0; i < batch.Count; i++)
            {
                failures[i] ??= e;
            }

            await DropContextAsync();
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Finish(outcomes[i], failures[i]);
        }
    }

    private async Task DropContextAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
            _db = null;
        }
    }

    private static async Task<(CommitOutcome, Exception?)> WriteInSavepointAsync(WorkflowDbContext db, DbTransaction transaction, BurstCommit commit)
    {
        const string Savepoint = "burst";
        await transaction.SaveAsync(Savepoint);
        try
        {
            var outcome = await commit.WriteAsync(db, transaction, CancellationToken.None);
            if (outcome != CommitOutcome.Committed)
            {
                await transaction.RollbackAsync(Savepoint);
            }

            await transaction.ReleaseAsync(Savepoint);
            return (outcome, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackAsync(Savepoint);
            await transaction.ReleaseAsync(Savepoint);
            return (CommitOutcome.Conflict, e);
        }
    }

    /// <summary>A burst waiting to be committed, and how its commit ended once it did.</summary>
    private sealed class Pending(BurstCommit commit)
    {
        private CommitOutcome _outcome;
        private Exception? _failure;
        private volatile bool _done;

        public BurstCommit Commit { get; } = commit;

        /// <summary>True when it is this burst's caller's turn to write, false when another wrote the burst.</summary>
        public TaskCompletionSource<bool> Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsDone => _done;

        public void Finish(CommitOutcome outcome, Exception? failure)
        {
            _outcome = outcome;
            _failure = failure;
            _done = true;
            Turn.TrySetResult(false);
        }

        /// <summary>How the commit ended; throws (with its original stack) what failed it.</summary>
        public CommitOutcome Outcome()
        {
            if (_failure is not null)
            {
                ExceptionDispatchInfo.Throw(_failure);
            }

            return _outcome;
        }
    }
}

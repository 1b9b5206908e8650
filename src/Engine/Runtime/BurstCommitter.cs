using System.Diagnostics.Metrics;
using System.Threading.Channels;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Commits the bursts of every caller through one writer, several to a transaction (group commit,
/// docs/decisions/007). SQLite lets one writer in at a time anyway; batching pays a commit's fixed cost — a
/// connection, BEGIN, COMMIT and its WAL write — once for the batch. Each burst of a batch runs inside a savepoint,
/// so one that lost a race or failed is rolled back alone and the rest commit. A caller returns only after the
/// COMMIT of its batch, so a burst is exactly as durable as with a commit of its own.
/// </summary>
public sealed class BurstCommitter : IAsyncDisposable
{
    /// <summary>The engine's meter (<c>dotnet-counters monitor --counters AiPlusTasks.Engine</c>).</summary>
    public const string MeterName = "AiPlusTasks.Engine";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "aiplustasks.burst.commit.batch_size", "{burst}", "Bursts written in one group-commit transaction");

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<WorkflowDbContext> _dbFactory;
    private readonly int _maxBatch;
    private readonly Task _writer;

    /// <summary>The writer's context, kept open between batches; dropped after a failure so the next batch starts clean.</summary>
    private WorkflowDbContext? _db;

    public BurstCommitter(IDbContextFactory<WorkflowDbContext> dbFactory, IOptions<EngineOptions> options)
    {
        _dbFactory = dbFactory;
        _maxBatch = options.Value.MaxBurstsPerCommit;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Commits one burst with whatever others are waiting; returns once it committed (or did not).</summary>
    /// <exception cref="Exception">What writing the burst or committing its batch threw; nothing of it was committed.</exception>
    internal async Task<CommitOutcome> CommitAsync(BurstCommit commit)
    {
        var pending = new Pending(commit);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(BurstCommitter), "the engine is shutting down");
        }

        return await pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // Written in one order everywhere — by instance id, a stable sort so one instance's bursts keep their
            // order — two nodes' batches lock the rows they share in the same order instead of deadlocking.
            await CommitBatchAsync([.. batch.OrderBy(p => p.Commit.Rows.Instance.Id, StringComparer.Ordinal)]);
            BatchSize.Record(batch.Count);
        }
    }

    /// <summary>Writes and commits one batch and tells every caller how its burst ended; never throws.</summary>
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
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tx = transaction.GetDbTransaction();
            if (batch.Count == 1)
            {
                // Alone: no savepoint needed; anything but success leaves the transaction uncommitted.
                outcomes[0] = await batch[0].Commit.WriteAsync(db, tx, CancellationToken.None);
                if (outcomes[0] == CommitOutcome.Committed)
                {
                    await transaction.CommitAsync();
                }
            }
            else
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    (outcomes[i], failures[i]) = await WriteInSavepointAsync(db, transaction, tx, batch[i].Commit);
                }

                await transaction.CommitAsync();
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
            if (failures[i] is { } failure)
            {
                batch[i].Done.TrySetException(failure);
            }
            else
            {
                batch[i].Done.TrySetResult(outcomes[i]);
            }
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

    private static async Task<(CommitOutcome, Exception?)> WriteInSavepointAsync(
        WorkflowDbContext db, IDbContextTransaction transaction, System.Data.Common.DbTransaction tx, BurstCommit commit)
    {
        const string Savepoint = "burst";
        await transaction.CreateSavepointAsync(Savepoint);
        try
        {
            var outcome = await commit.WriteAsync(db, tx, CancellationToken.None);
            if (outcome == CommitOutcome.Committed)
            {
                await transaction.ReleaseSavepointAsync(Savepoint);
            }
            else
            {
                await transaction.RollbackToSavepointAsync(Savepoint);
                await transaction.ReleaseSavepointAsync(Savepoint);
            }

            return (outcome, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackToSavepointAsync(Savepoint);
            await transaction.ReleaseSavepointAsync(Savepoint);
            db.ChangeTracker.Clear();
            return (CommitOutcome.Conflict, e);
        }
    }

    private sealed record Pending(BurstCommit Commit)
    {
        public TaskCompletionSource<CommitOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

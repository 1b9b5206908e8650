using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Runs queued work in the background: dispatched child starts, and inline work whose caller died before running
/// it (older than <see cref="EngineOptions.OrphanedWorkAge"/>, or made before this node started). Wakes on
/// <see cref="WorkSignal"/> or every <see cref="EngineOptions.WorkPollInterval"/>. Runs up to
/// <see cref="EngineOptions.WorkConcurrency"/> items at once. Items are claimed before they run, so the workers of
/// several nodes on one PostgreSQL database share the queue instead of racing for every item. The claimed starts' rows
/// and published versions are read for the whole batch at once (<see cref="QueuedStartReads"/>).
/// </summary>
internal sealed class WorkItemProcessor(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkQueue work,
    WorkSignal signal,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<WorkItemProcessor> logger) : SignalledLoop(signal, logger)
{
    private const int BatchSize = 100;

    /// <summary>
    /// Inline work made before this node started is orphaned at once: its caller was a process that is gone. Work made
    /// since belongs to a caller that may still be running it, however late this worker's first round comes (a millisecond
    /// earlier, as times are stored to a tenth of one).
    /// </summary>
    private readonly DateTimeOffset _orphanedBeforeStart = time.GetUtcNow() - TimeSpan.FromMilliseconds(1);

    protected override TimeSpan PollInterval => options.Value.WorkPollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        return await RunBatchAsync(cancellationToken) == BatchSize;
    }

    private async Task<int> RunBatchAsync(CancellationToken cancellationToken)
    {
        var items = await ClaimBatchAsync(cancellationToken);
        var readAhead = await work.ReadStartsAsync(items, cancellationToken);

        // Items of different instances run concurrently, so their bursts share group commits; the items of one
        // instance run in order on one lane, so they never race each other for it.
        var lanes = items.GroupBy(i => i.InstanceId, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.WorkConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) => await work.ProcessAsync(lane, readAhead, token));
        return items.Count;
    }

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> runnable items nobody holds — dispatched work, and orphaned inline work — for <see cref="EngineOptions.WorkClaimLease"/>, in one statement. On PostgreSQL the
    /// rows another node is claiming at the same moment are skipped, not waited for. Whoever runs an item deletes it in
    /// the transaction of the burst it causes, so even a lapsed claim's item takes effect once.
    /// </summary>
    private async Task<List<WorkItemRecord>> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var orphanedUpTo = Max(now - options.Value.OrphanedWorkAge, _orphanedBeforeStart);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = SharedWork.StoredTime<WorkItemRecord>(db, nameof(WorkItemRecord.ClaimedUntil));
        var sql = $$"""
            UPDATE "WorkItems" SET "ClaimedUntil" = {0}
            WHERE "Id" IN (
                SELECT "Id" FROM "WorkItems"
                WHERE ("Background" OR "CreatedAt" <= {1}) AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {2})
                ORDER BY "Id" LIMIT {3}{{SharedWork.SkipLocked(db)}})
            RETURNING *
            """;
        var items = await db.WorkItems
            .FromSqlRaw(sql, stored(now + options.Value.WorkClaimLease), stored(orphanedUpTo), stored(now), BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        items.Sort((a, b) => a.Id.CompareTo(b.Id));
        return items;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Runs queued work in the background: dispatched child starts, and inline work whose caller died before running
/// it (older than <see cref="EngineOptions.OrphanedWorkAge"/>; at start-up, all of it). Wakes on
/// <see cref="WorkSignal"/> or every <see cref="EngineOptions.WorkPollInterval"/>. Runs up to
/// <see cref="EngineOptions.WorkConcurrency"/> items at once. Items are claimed before they run, so the workers of
/// several nodes on one PostgreSQL database share the queue instead of racing for every item.
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

    /// <summary>At start-up all inline work left over is orphaned; after that, only work older than the configured age.</summary>
    private TimeSpan _orphanAge = TimeSpan.Zero;

    protected override TimeSpan PollInterval => options.Value.WorkPollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        var ran = await RunBatchAsync(_orphanAge, cancellationToken);
        _orphanAge = options.Value.OrphanedWorkAge;
        return ran == BatchSize;
    }

    private async Task<int> RunBatchAsync(TimeSpan orphanAge, CancellationToken cancellationToken)
    {
        var items = await ClaimBatchAsync(orphanAge, cancellationToken);

        // Items of different instances run concurrently, so their bursts share group commits; the items of one
        // instance run in order on one lane, so they never race each other for it.
        var lanes = items.GroupBy(i => i.InstanceId, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.WorkConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) => await work.ProcessAsync(lane, token));
        return items.Count;
    }

    /// <summary>
    /// Claims up to <see cref="BatchSize"/> runnable items nobody holds — dispatched work, and inline work orphaned for
    /// <paramref name="orphanAge"/> — for <see cref="EngineOptions.WorkClaimLease"/>, in one statement. On PostgreSQL the
    /// rows another node is claiming at the same moment are skipped, not waited for. Whoever runs an item deletes it in
    /// the transaction of the burst it causes, so even a lapsed claim's item takes effect once.
    /// </summary>
    private async Task<List<WorkItemRecord>> ClaimBatchAsync(TimeSpan orphanAge, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimedUntil = db.Model.FindEntityType(typeof(WorkItemRecord))!.FindProperty(nameof(WorkItemRecord.ClaimedUntil))!.GetTypeMapping().Converter;
        object Time(DateTimeOffset value) => claimedUntil?.ConvertToProvider(value) ?? value;
        var sql = $$"""
            UPDATE "WorkItems" SET "ClaimedUntil" = {0}
            WHERE "Id" IN (
                SELECT "Id" FROM "WorkItems"
                WHERE ("Background" OR "CreatedAt" <= {1}) AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {2})
                ORDER BY "Id" LIMIT {3}{{SharedWork.SkipLocked(db)}})
            RETURNING *
            """;
        var items = await db.WorkItems
            .FromSqlRaw(sql, Time(now + options.Value.WorkClaimLease), Time(now - orphanAge), Time(now), BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        items.Sort((a, b) => a.Id.CompareTo(b.Id));
        return items;
    }
}

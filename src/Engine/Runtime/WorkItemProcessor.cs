using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Runs queued work in the background: dispatched child starts, and inline work whose caller died before running
/// it (older than <see cref="EngineOptions.OrphanedWorkAge"/>; at start-up, all of it). Wakes on
/// <see cref="WorkSignal"/> or every <see cref="EngineOptions.WorkPollInterval"/>. Runs up to
/// <see cref="EngineOptions.WorkConcurrency"/> items at once.
/// </summary>
internal sealed class WorkItemProcessor(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowRuntime runtime,
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
        var orphanedBefore = time.GetUtcNow() - orphanAge;
        List<Persistence.Records.WorkItemRecord> items;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            items = await db.WorkItems.AsNoTracking()
                .Where(w => w.Background || w.CreatedAt <= orphanedBefore)
                .OrderBy(w => w.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        // Items of different instances run concurrently, so their bursts share group commits; the items of one
        // instance run in order on one lane, so they never race each other for it.
        var lanes = items.GroupBy(i => i.InstanceId, StringComparer.Ordinal);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.WorkConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(lanes, parallel, async (lane, token) => await runtime.ProcessAsync(lane, token));
        return items.Count;
    }
}

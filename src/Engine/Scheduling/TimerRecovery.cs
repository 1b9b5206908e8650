using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Keeps Quartz in step with the bookmark table, the source of truth for timers. At start-up it schedules every timer
/// bookmark (timers made before a restart fire; past-due ones at once). Then, every
/// <see cref="EngineOptions.TimerSweepInterval"/>, it schedules again any timer overdue by more than that interval: a
/// node that died between committing a timer and scheduling it leaves such a bookmark, and on a cluster no restart of
/// that node may come to catch it. Scheduling a trigger that exists changes nothing.
/// </summary>
internal sealed class TimerRecovery(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    ITimerScheduler timers,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<TimerRecovery> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await ScheduleAsync(DateTimeOffset.MaxValue, cancellationToken);
        logger.LogInformation("Scheduled {Count} pending timers", count);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.TimerSweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var count = await ScheduleAsync(time.GetUtcNow() - interval, stoppingToken);
                if (count > 0)
                {
                    logger.LogInformation("{Count} timers were overdue by more than {Interval}; made sure each has its trigger", count, interval);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sweeping overdue timers failed; trying again in {Interval}", interval);
            }
        }
    }

    /// <summary>Schedules the timer bookmarks due before <paramref name="dueBefore"/>; returns how many there were.</summary>
    private async Task<int> ScheduleAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Bookmarks.AsNoTracking().Where(b => b.ResumeAt != null && b.ResumeAt < dueBefore).ToListAsync(cancellationToken);
        foreach (var b in pending)
        {
            await timers.ScheduleAsync(b.InstanceId, new Bookmark(b.Id, b.Kind, b.Key, b.CorrelationId, b.ResumeAt, b.ContextId, b.ActivityId), cancellationToken);
        }

        return pending.Count;
    }
}

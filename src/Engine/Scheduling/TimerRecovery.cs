using AiPlusTasks.Engine.Hosting;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Keeps Quartz in step with the bookmark table, the source of truth for timers. At start-up, once the Host listens
/// (<see cref="StartupStep"/>), it schedules every timer bookmark (timers made before a restart fire; past-due ones at
/// once); <see cref="TimerSweep"/> then schedules overdue ones again every interval. Scheduling a trigger that exists
/// changes nothing.
/// </summary>
internal sealed class TimerRecovery(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    ITimerScheduler timers,
    ILogger<TimerRecovery> logger) : StartupStep(logger)
{
    protected override string Name => "timer recovery";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var count = await ScheduleAsync(DateTimeOffset.MaxValue, cancellationToken);
        logger.LogInformation("Scheduled {Count} pending timers", count);
    }

    /// <summary>Schedules the timer bookmarks due before <paramref name="dueBefore"/>; returns how many there were.</summary>
    public async Task<int> ScheduleAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken)
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

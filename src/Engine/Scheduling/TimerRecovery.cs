using AiPlusTasks.Engine.Execution;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// At start-up, schedules every timer bookmark in the database: the bookmark table is the source of truth, so
/// timers made before a restart (or whose scheduling was lost in a crash after commit) fire; past-due ones fire at once.
/// </summary>
internal sealed class TimerRecovery(IDbContextFactory<WorkflowDbContext> dbFactory, ITimerScheduler timers, ILogger<TimerRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.Bookmarks.AsNoTracking().Where(b => b.ResumeAt != null).ToListAsync(cancellationToken);
        foreach (var b in pending)
        {
            await timers.ScheduleAsync(b.InstanceId, new Bookmark(b.Id, b.Kind, b.Key, b.CorrelationId, b.ResumeAt, b.ContextId, b.ActivityId), cancellationToken);
        }

        logger.LogInformation("Scheduled {Count} pending timers", pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

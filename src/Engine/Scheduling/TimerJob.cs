using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Fires a timer bookmark: resumes it; a bookmark already consumed or removed is a no-op. A burst that lost every
/// concurrency retry is fired again, so a timer is never dropped.
/// </summary>
internal sealed class TimerJob(WorkflowRuntime runtime, ILogger<TimerJob> logger) : IJob
{
    public static readonly JobKey Key = new("timer", QuartzTimerScheduler.TriggerGroup);
    public const string BookmarkIdKey = "bookmarkId";
    public const string InstanceIdKey = "instanceId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var bookmarkId = context.MergedJobDataMap.GetString(BookmarkIdKey)!;
        bool fired;
        try
        {
            fired = await runtime.TryResumeAsync(bookmarkId, null, cancellationToken);
        }
        catch (Exception e) when (e is ConflictException or Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            // The instance kept changing under us, or the database was busy; the bookmark is still there, so fire again.
            throw new JobExecutionException(e) { RefireImmediately = true };
        }

        if (!fired)
        {
            logger.LogDebug("Timer {BookmarkId} of instance {InstanceId} was already consumed", bookmarkId, context.MergedJobDataMap.GetString(InstanceIdKey));
        }
    }
}

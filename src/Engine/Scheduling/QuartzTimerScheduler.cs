using AiPlusTasks.Workflows.Execution;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// One Quartz trigger per timer bookmark (trigger key = bookmark id, group <c>timers</c>) on the durable
/// <see cref="TimerJob"/>. A missed fire (the process was down) fires as soon as the scheduler runs again: the
/// misfire policy is "ignore misfires", which fires late without recomputing the time (Quartz 4.7.3 recomputes
/// "fire now" misfires from the system clock, not the configured TimeProvider).
/// </summary>
internal sealed class QuartzTimerScheduler(ISchedulerFactory schedulers) : ITimerScheduler
{
    public const string TriggerGroup = "timers";

    public async Task ScheduleAsync(string instanceId, Bookmark bookmark, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new TriggerKey(bookmark.Id, TriggerGroup);
        if (await scheduler.Exists(key, cancellationToken))
        {
            return;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(key)
            .ForJob(TimerJob.Key)
            .UsingJobData(TimerJob.BookmarkIdKey, bookmark.Id)
            .UsingJobData(TimerJob.InstanceIdKey, instanceId)
            .StartAt(bookmark.ResumeAt ?? DateTimeOffset.MinValue)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Scheduled concurrently by recovery; one trigger is enough.
        }
    }

    public async Task UnscheduleAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.UnscheduleJob(new TriggerKey(bookmarkId, TriggerGroup), cancellationToken);
    }
}

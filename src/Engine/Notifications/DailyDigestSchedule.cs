using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Hosting;
using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// At start-up, schedules the daily digest: a cron trigger at 09:00 every day in the engine's time zone, modified by the
/// working-day Quartz calendar (<see cref="WorkingCalendar.QuartzCalendarName"/>) so it fires on working days only —
/// 调休 Saturdays included, holidays skipped. Without that calendar the trigger fires daily and the job's own check
/// skips non-working days (said once in the log). Re-declared at every start (replacing the stored trigger).
/// </summary>
public sealed class DailyDigestSchedule(ISchedulerFactory schedulers, IOptions<EngineOptions> engineOptions, ILogger<DailyDigestSchedule> logger) : StartupStep(logger)
{
    /// <summary>09:00 every day.</summary>
    public const string Cron = "0 0 9 * * ?";

    /// <summary>The trigger's key.</summary>
    public static readonly TriggerKey Key = new("daily-digest", "notifications");

    protected override string Name => "daily digest schedule";

    /// <summary>The digest's trigger in <paramref name="zone"/>, on the Quartz calendar named <paramref name="calendarName"/> when given.</summary>
    public static ITrigger Trigger(TimeZoneInfo zone, string? calendarName)
    {
        var trigger = TriggerBuilder.Create().WithIdentity(Key).ForJob(DailyDigestJob.Key);
        if (calendarName is not null)
        {
            trigger = trigger.WithCalendarName(calendarName);
        }

        return trigger.WithCronSchedule(Cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build();
    }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var calendarName = await scheduler.GetCalendar(WorkingCalendar.QuartzCalendarName, cancellationToken) is null ? null : WorkingCalendar.QuartzCalendarName;
        if (calendarName is null)
        {
            logger.LogWarning("The working-day Quartz calendar is not registered: the daily digest fires every day and skips non-working days itself");
        }

        var trigger = Trigger(TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone), calendarName);
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}

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
/// 调休 Saturdays included, holidays skipped (the job checks the day again, against a trigger stored before a
/// correction). Re-declared at every start (replacing the stored trigger). Missed fires are not recomputed from the
/// clock ("ignore misfires", as the engine's other triggers: Quartz 4.7.3 recomputes other misfire policies from the
/// system clock, not the engine's, and a cron trigger then fires in a loop); they fire late and the job skips them
/// (<see cref="DailyDigestJob.MaxLateness"/>).
/// </summary>
public sealed class DailyDigestSchedule(ISchedulerFactory schedulers, IOptions<EngineOptions> engineOptions, ILogger<DailyDigestSchedule> logger) : StartupStep(logger)
{
    /// <summary>09:00 every day.</summary>
    public const string Cron = "0 0 9 * * ?";

    /// <summary>The trigger's key.</summary>
    public static readonly TriggerKey Key = new("daily-digest", "notifications");

    protected override string Name => "daily digest schedule";

    /// <summary>The digest's trigger in <paramref name="zone"/>, on the working-day Quartz calendar.</summary>
    public static ITrigger Trigger(TimeZoneInfo zone) => TriggerBuilder.Create()
        .WithIdentity(Key)
        .ForJob(DailyDigestJob.Key)
        .WithCalendarName(WorkingCalendar.QuartzCalendarName)
        .WithCronSchedule(Cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.IgnoreMisfires))
        .Build();

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = Trigger(TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone));
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}

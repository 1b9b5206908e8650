using AiPlusTasks.Engine.Hosting;
using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Retention;

/// <summary>
/// At start-up, schedules the retention run on <see cref="RetentionOptions.Schedule"/> in the engine's time zone (China
/// time), or unschedules it when <see cref="RetentionOptions.Enabled"/> is false. Re-declared at every start, so a
/// changed schedule takes effect on the next start. Missed fires are not recomputed from the clock ("ignore misfires",
/// as the engine's other triggers: Quartz 4.7.3 recomputes other policies from the system clock, not the engine's): a run
/// missed while every node was down happens once, late.
/// </summary>
public sealed class RetentionSchedule(
    ISchedulerFactory schedulers, TimeProvider time, IOptions<RetentionOptions> options, IOptions<EngineOptions> engineOptions, ILogger<RetentionSchedule> logger)
    : StartupStep(logger)
{
    /// <summary>The trigger's key.</summary>
    public static readonly TriggerKey Key = new("retention", "maintenance");

    protected override string Name => "retention schedule";

    /// <summary>
    /// The run's trigger on <paramref name="cron"/> in <paramref name="zone"/>, from <paramref name="now"/> on the engine's
    /// clock (a trigger without a start would start at the system clock's now, which a test's fake clock never reaches).
    /// </summary>
    public static ITrigger Trigger(string cron, TimeZoneInfo zone, DateTimeOffset now) => TriggerBuilder.Create()
        .WithIdentity(Key)
        .ForJob(RetentionJob.Key)
        .StartAt(now)
        .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.IgnoreMisfires))
        .Build();

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (!options.Value.Enabled)
        {
            await scheduler.UnscheduleJob(Key, cancellationToken);
            return;
        }

        var trigger = Trigger(options.Value.Schedule, TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone), time.GetUtcNow());
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}

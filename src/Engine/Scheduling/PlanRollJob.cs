using AiPlusTasks.Engine.Planning;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Rolls a plan to the period its trigger fired in (or the period a retry names), then schedules the plan's next roll
/// after that fire time. A roll that fails is tried again after <see cref="RetryDelay"/>, so one failure (a locked
/// database, a conflict) never stops a plan from rolling.
/// </summary>
internal sealed class PlanRollJob(
    PlanService plans,
    PlanCalendar calendar,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<Runtime.EngineOptions> options,
    ILogger<PlanRollJob> logger) : IJob
{
    public static readonly JobKey Key = new("plan-roll", PlanCalendar.TriggerGroup);
    public const string PlanIdKey = "planId";

    /// <summary>Set on a retry's trigger: the period whose roll failed.</summary>
    public const string PeriodKey = "period";

    /// <summary>How long after a failed roll it is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var planId = context.MergedJobDataMap.GetString(PlanIdKey)!;
        var firedAt = context.ScheduledFireTimeUtc ?? time.GetUtcNow();
        var period = Period.TryParse(context.MergedJobDataMap.GetString(PeriodKey))
            ?? Period.Containing(firedAt, TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
        try
        {
            await plans.RollAsync(planId, period.ToString(), PlanService.ScheduleActor, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Plan {PlanId}: the roll to {Period} failed", planId, period);
            await calendar.ScheduleRetryAsync(planId, period, time.GetUtcNow() + RetryDelay, cancellationToken);
            return;
        }

        await calendar.ScheduleNextAsync(planId, firedAt, cancellationToken);
    }
}

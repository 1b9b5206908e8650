using AiPlusTasks.Engine.Planning;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>Rolls a plan to the period its trigger fired in, then schedules the plan's next roll.</summary>
internal sealed class PlanRollJob(PlanService plans, PlanCalendar calendar, TimeProvider time, Microsoft.Extensions.Options.IOptions<Runtime.EngineOptions> options) : IJob
{
    public static readonly JobKey Key = new("plan-roll", PlanCalendar.TriggerGroup);
    public const string PlanIdKey = "planId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var planId = context.MergedJobDataMap.GetString(PlanIdKey)!;
        var firedAt = context.ScheduledFireTimeUtc ?? time.GetUtcNow();
        var period = Period.Containing(firedAt, TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone));
        await plans.RollAsync(planId, period.ToString(), "schedule", cancellationToken);
        await calendar.ScheduleNextAsync(planId, cancellationToken);
    }
}

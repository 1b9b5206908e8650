using AiPlusTasks.Engine.Activities;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Each plan's roll calendar in Quartz: one trigger per plan at the next occurrence of its cadence (cron, engine time
/// zone); when it fires, <see cref="PlanRollJob"/> rolls the plan and asks for the next one. A roll missed while the
/// Host was down runs once at start-up (<see cref="StartAsync"/>); rolls are idempotent per period, so a late or
/// repeated fire changes nothing.
/// </summary>
public sealed class PlanCalendar(
    ISchedulerFactory schedulers,
    IDbContextFactory<WorkflowDbContext> dbFactory,
    PlanService plans,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<PlanCalendar> logger)
{
    public const string TriggerGroup = "plans";
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>Catches up a missed roll of the plan, then schedules its next roll.</summary>
    public async Task StartAsync(string planId, CancellationToken cancellationToken)
    {
        var current = Period.Containing(time.GetUtcNow(), _timeZone);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var periods = await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == planId).Select(v => v.Period).ToListAsync(cancellationToken);
            if (periods.Select(Period.TryParse).OfType<Period>().All(p => p < current))
            {
                logger.LogInformation("Plan {PlanId} missed its roll to {Period}; rolling now", planId, current);
                await plans.RollAsync(planId, current.ToString(), "catch-up", cancellationToken);
            }
        }

        await ScheduleNextAsync(planId, cancellationToken);
    }

    /// <summary>Schedules (or replaces) the plan's trigger at the next occurrence of its cadence after now.</summary>
    public async Task ScheduleNextAsync(string planId, CancellationToken cancellationToken)
    {
        string cadence;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            cadence = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Cadence).SingleAsync(cancellationToken);
        }

        var expression = CronActivity.Parse(cadence) ?? throw new InvalidOperationException($"plan '{planId}' has an invalid cadence '{cadence}'");
        var next = expression.GetNextOccurrence(time.GetUtcNow(), _timeZone);
        if (next is null)
        {
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var trigger = TriggerBuilder.Create()
            .WithIdentity(planId, TriggerGroup)
            .ForJob(PlanRollJob.Key)
            .UsingJobData(PlanRollJob.PlanIdKey, planId)
            .StartAt(next.Value)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, cancellationToken);
        logger.LogInformation("Plan {PlanId} rolls next at {Next}", planId, next);
    }
}

using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Each plan's roll calendar in Quartz: one trigger per plan at the next occurrence of its cadence (cron, engine time
/// zone); when it fires, <see cref="PlanRollJob"/> rolls the plan and asks for the next one. A roll missed while the
/// Host was down runs once at start-up (<see cref="StartAsync"/>); rolls are idempotent per period, so a late or
/// repeated fire changes nothing. A plan whose rules say <see cref="WorkingDayRules.RollOnWorkingDays"/> rolls on the next
/// working day (same time) when its cadence falls on a non-working day (docs/decisions/025).
/// </summary>
public sealed class PlanCalendar(
    ISchedulerFactory schedulers,
    IDbContextFactory<WorkflowDbContext> dbFactory,
    PlanService plans,
    TimeProvider time,
    IOptions<EngineOptions> options,
    WorkingCalendar calendar,
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

        await ScheduleNextAsync(planId, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Schedules (or replaces) the plan's trigger at the next occurrence of its cadence after <paramref name="after"/>:
    /// the fire time of the roll just done, not the clock, so a roll that ends late (or a clock that jumped meanwhile)
    /// never skips a period — a next roll already due fires at once.
    /// </summary>
    public async Task ScheduleNextAsync(string planId, DateTimeOffset after, CancellationToken cancellationToken)
    {
        string cadence;
        string? latestContent;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            cadence = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Cadence).SingleAsync(cancellationToken);
            latestContent = await db.PlanVersions.AsNoTracking().Where(v => v.PlanId == planId).OrderByDescending(v => v.Number)
                .Select(v => v.Content).FirstOrDefaultAsync(cancellationToken);
        }

        var expression = CronExpressions.Parse(cadence) ?? throw new InvalidOperationException($"plan '{planId}' has an invalid cadence '{cadence}'");
        var next = expression.GetNextOccurrence(after, _timeZone);
        if (next is null)
        {
            return;
        }

        if (latestContent is not null && PlanJson.Deserialize<PlanContent>(latestContent).WorkingDayRules.RollOnWorkingDays)
        {
            next = calendar.Current.OnOrNextWorkingDay(next.Value, _timeZone);
        }

        await ScheduleAsync(planId, next.Value, null, cancellationToken);
        logger.LogInformation("Plan {PlanId} rolls next at {Next}", planId, next);
    }

    /// <summary>Schedules another try of a roll to <paramref name="period"/> that failed, at <paramref name="at"/>.</summary>
    public async Task ScheduleRetryAsync(string planId, Period period, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await ScheduleAsync(planId, at, period, cancellationToken);
        logger.LogWarning("Plan {PlanId}: the roll to {Period} is tried again at {At}", planId, period, at);
    }

    private async Task ScheduleAsync(string planId, DateTimeOffset at, Period? period, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var builder = TriggerBuilder.Create()
            .WithIdentity(planId, TriggerGroup)
            .ForJob(PlanRollJob.Key)
            .UsingJobData(PlanRollJob.PlanIdKey, planId)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires));
        if (period is not null)
        {
            builder = builder.UsingJobData(PlanRollJob.PeriodKey, period.ToString());
        }

        await scheduler.ScheduleJob(builder.Build(), new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}

using AiPlusTasks.Engine.Hosting;
using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// At start-up, once the Host listens (<see cref="StartupStep"/>), catches up and schedules the roll of every plan already
/// in the database.
/// </summary>
internal sealed class PlanCalendarStartup(IDbContextFactory<WorkflowDbContext> dbFactory, PlanCalendar calendar, ILogger<PlanCalendarStartup> logger) : StartupStep(logger)
{
    protected override string Name => "plan calendar";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        List<string> planIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            planIds = await db.Plans.AsNoTracking().Select(p => p.Id).ToListAsync(cancellationToken);
        }

        foreach (var planId in planIds)
        {
            await calendar.StartAsync(planId, cancellationToken);
        }
    }
}

using AiPlusTasks.Engine.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>At start-up, catches up and schedules the roll of every plan already in the database.</summary>
internal sealed class PlanCalendarStartup(IDbContextFactory<WorkflowDbContext> dbFactory, PlanCalendar calendar) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

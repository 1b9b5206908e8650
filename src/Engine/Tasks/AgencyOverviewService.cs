using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The per-agency page's figures: the agency's key-task progress (by <see cref="ProgressTrendService"/>, the one rule)
/// and its latest progress reports. For NDRC staff and auditors, as the dashboard is.
/// </summary>
public sealed class AgencyOverviewService(IDbContextFactory<WorkflowDbContext> dbFactory, ProgressTrendService trends, AgencyDirectory directory)
{
    /// <summary>How many of the agency's latest reports the overview lists.</summary>
    public const int LatestReportCount = 10;

    /// <summary>The overview of one agency.</summary>
    /// <exception cref="ForbiddenException">The caller does not see all agencies.</exception>
    /// <exception cref="NotFoundException">No agency has this code.</exception>
    public async Task<AgencyOverview> GetAsync(Caller caller, string agencyCode, CancellationToken cancellationToken = default)
    {
        if (!caller.SeesAllAgencies)
        {
            throw new ForbiddenException("agency overviews are for NDRC staff and auditors");
        }

        var agency = directory.Get(agencyCode);
        var progress = await trends.GetAsync(caller, new ProgressTrendQuery(Weeks: 1, Agency: agency.Code), cancellationToken);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = await db.ProgressReports.AsNoTracking()
            .Join(db.Tasks.Where(t => t.AgencyCode == agency.Code), r => r.TaskId, t => t.Id, (r, t) => new { Report = r, Task = t })
            .OrderByDescending(x => x.Report.Id)
            .Take(LatestReportCount)
            .Select(x => new AgencyReport(
                x.Task.Id, x.Task.Title, x.Task.TitleEn, x.Task.Pillar, x.Report.ReportedBy, x.Report.ReportedAt, x.Report.ProgressPercent, x.Report.Done))
            .ToListAsync(cancellationToken);
        return new AgencyOverview(agency.Code, progress, reports);
    }
}

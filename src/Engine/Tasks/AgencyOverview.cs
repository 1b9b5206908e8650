namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// One agency at a glance for supervisors (see <see cref="AgencyOverviewService"/>): its key-task progress by the
/// dashboard's rule and its latest progress reports. Its task lists are the inbox's, filtered by the agency.
/// </summary>
/// <param name="AgencyCode">The agency's code in the directory.</param>
/// <param name="Progress">
/// The agency's key tasks now: one week of <see cref="ProgressTrendService"/> (the current one) by pillar, its
/// <see cref="ProgressTrend.Overall"/> the agency's figure.
/// </param>
/// <param name="LatestReports">The agency's latest progress reports, newest first (at most <see cref="AgencyOverviewService.LatestReportCount"/>).</param>
public sealed record AgencyOverview(string AgencyCode, ProgressTrend Progress, IReadOnlyList<AgencyReport> LatestReports);

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Average task progress at the end of each week, one series per pillar or per plan (see <see cref="ProgressTrendService"/>).
/// </summary>
/// <param name="GroupBy"><see cref="ProgressTrendQuery.ByPillar"/> or <see cref="ProgressTrendQuery.ByPlan"/>.</param>
/// <param name="Weeks">
/// The first instant of each week, oldest first: Monday 00:00 in the engine's time zone (China Standard Time by
/// default), with that zone's offset. The last week is the current one.
/// </param>
/// <param name="Series">
/// One series per pillar (in catalog order) or per plan (by name) with at least one task by the end of the last week;
/// each series has a value per week, aligned with <paramref name="Weeks"/>.
/// </param>
public sealed record ProgressTrend(string GroupBy, IReadOnlyList<DateTimeOffset> Weeks, IReadOnlyList<ProgressTrendSeries> Series);

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Average key-task progress at the end of each week, one series per pillar or per plan and one for them all (see
/// <see cref="ProgressTrendService"/> for what a key task and its progress are).
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
/// <param name="Overall">Per week, the mean progress of every key task counted (rounded to one decimal); null when none existed.</param>
/// <param name="KeyTasks">Per week, how many key tasks <paramref name="Overall"/> is over.</param>
public sealed record ProgressTrend(
    string GroupBy, IReadOnlyList<DateTimeOffset> Weeks, IReadOnlyList<ProgressTrendSeries> Series, IReadOnlyList<double?> Overall, IReadOnlyList<int> KeyTasks)
{
    /// <summary>How many weeks have a value (at least one key task by their end): fewer than two draw no line.</summary>
    public int WeeksWithData => KeyTasks.Count(k => k > 0);
}

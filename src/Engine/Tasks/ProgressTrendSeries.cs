namespace AiPlusTasks.Engine.Tasks;

/// <summary>One line of a <see cref="ProgressTrend"/>: a pillar's or a plan's key tasks, week by week.</summary>
/// <param name="Key">The pillar's catalog code or the plan's id.</param>
/// <param name="NameZh">The pillar's Chinese name or the plan's name (the code or id when unknown).</param>
/// <param name="NameEn">The pillar's English name or the plan's name (the code or id when unknown).</param>
/// <param name="Average">
/// Per week, the mean progress (0–100, rounded to one decimal) of the series' key tasks that existed at the end of the
/// week; null when none did. A key task's progress at a time is the percentage of its latest report by then, else 0.
/// </param>
/// <param name="Tasks">Per week, how many key tasks the average is over.</param>
public sealed record ProgressTrendSeries(string Key, string NameZh, string NameEn, IReadOnlyList<double?> Average, IReadOnlyList<int> Tasks);

namespace AiPlusTasks.Engine.Tasks;

/// <summary>What progress trend to compute: how to group the tasks, which tasks, over how many weeks.</summary>
/// <param name="GroupBy">
/// <see cref="ByPillar"/> (a series per top-level pillar; tasks filed under an item count for its pillar, and a code
/// the catalog does not know is a series of its own) or <see cref="ByPlan"/> (a series per plan). Tasks without a
/// pillar, or without a plan, are left out of that grouping. Default <see cref="ByPillar"/>.
/// </param>
/// <param name="PlanId">Only the tasks of this plan; null or blank for every plan (and tasks of none).</param>
/// <param name="Pillar">Only the tasks filed under this catalog code (a pillar or an item); null or blank for all.</param>
/// <param name="Agency">Only the key tasks of this agency (an agency code); null for every agency.</param>
/// <param name="Weeks">
/// How many weeks, ending with the current one: <see cref="MinWeeks"/> to <see cref="MaxWeeks"/>. Default <see cref="DefaultWeeks"/>.
/// </param>
public sealed record ProgressTrendQuery(string GroupBy = ProgressTrendQuery.ByPillar, string? PlanId = null, string? Pillar = null, int Weeks = ProgressTrendQuery.DefaultWeeks, string? Agency = null)
{
    /// <summary>A series per top-level pillar of the catalog.</summary>
    public const string ByPillar = "pillar";

    /// <summary>A series per plan.</summary>
    public const string ByPlan = "plan";

    /// <summary>The weeks shown unless asked otherwise: about a quarter.</summary>
    public const int DefaultWeeks = 12;

    /// <summary>Fewest weeks: the current one alone.</summary>
    public const int MinWeeks = 1;

    /// <summary>Most weeks: a year.</summary>
    public const int MaxWeeks = 52;
}

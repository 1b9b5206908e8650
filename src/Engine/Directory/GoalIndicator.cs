namespace AiPlusTasks.Engine.Directory;

/// <summary>A static long-term goal indicator of the AI+ action, with its targets by year.</summary>
/// <param name="Code">Stable code, e.g. <c>goal.adoption</c>.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Unit">The unit of the values, e.g. <c>%</c>.</param>
/// <param name="Targets">The targets, in file order.</param>
public sealed record GoalIndicator(string Code, string NameZh, string NameEn, string Unit, IReadOnlyList<GoalTarget> Targets);

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// The dynamic layer of a plan as one version holds it: the window, the key tasks, the scenarios with their raw
/// scores, the weights and pilot cap in force, and the scores computed at the roll. Immutable once published.
/// </summary>
public sealed record PlanContent
{
    public required string Period { get; init; }

    /// <summary>The four periods of the window, in order, with their zones.</summary>
    public IReadOnlyList<WindowPeriod> Window { get; init; } = [];

    public IReadOnlyList<PlanTask> Tasks { get; init; } = [];

    public IReadOnlyList<PlanScenario> Scenarios { get; init; } = [];

    public ScoringWeights Weights { get; init; } = new();

    /// <summary>At most this many provinces pilot the same scenario in one batch. Default 5.</summary>
    public int PilotCap { get; init; } = 5;

    public IReadOnlyList<ScenarioScore> Scores { get; init; } = [];

    /// <summary>The colour rules in force: a task due within <see cref="ColourRules.BlueWithin"/> is blue.</summary>
    public ColourRules ColourRules { get; init; } = new();

    /// <summary>How the plan's tasks count days: working days and deadlines moved off non-working days by default.</summary>
    public WorkingDayRules WorkingDayRules { get; init; } = new();
}

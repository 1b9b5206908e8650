namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// A candidate application scenario with its raters' scores (1–5 per rater for potential 应用潜力, maturity 成熟度 and
/// leverage 带动作用), the provinces proposing to pilot it, and whether an open red risk blocks it.
/// </summary>
public sealed record PlanScenario
{
    public required string Key { get; init; }

    public required string Title { get; init; }

    public required string Pillar { get; init; }

    public IReadOnlyList<int> Potential { get; init; } = [];

    public IReadOnlyList<int> Maturity { get; init; } = [];

    public IReadOnlyList<int> Leverage { get; init; } = [];

    public bool OpenRedRisk { get; init; }

    /// <summary>Provinces proposing to pilot it, in order of proposal.</summary>
    public IReadOnlyList<string> CandidateProvinces { get; init; } = [];
}

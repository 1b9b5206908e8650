namespace AiPlusTasks.Engine.Planning;

/// <summary>What a roll computes: the next version's content, its diff, the workflows to start and the decisions to open.</summary>
public sealed record RollResult(
    PlanContent Content,
    IReadOnlyList<PlanChange> Changes,
    IReadOnlyList<string> TasksToStart,
    IReadOnlyList<string> DecisionsToOpen,
    IReadOnlyList<RollStep> Steps);

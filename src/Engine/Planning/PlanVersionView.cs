namespace AiPlusTasks.Engine.Planning;

/// <summary>One plan version: number, period, parent, hash, content, and the steps of the roll that made it.</summary>
public sealed record PlanVersionView(
    string PlanId,
    int Number,
    string Period,
    int? ParentNumber,
    string ContentHash,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    PlanContent Content,
    IReadOnlyList<RollStep> Steps,
    int ChangeCount);

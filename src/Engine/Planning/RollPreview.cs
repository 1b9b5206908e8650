namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// What rolling to <see cref="Period"/> would make, computed as the roll computes it but written nowhere: the diff and the
/// content of the version. <see cref="AlreadyRolled"/> when the period's version exists: the roll would return it as it is
/// (its diff and content are shown).
/// </summary>
public sealed record RollPreview(string Period, bool AlreadyRolled, IReadOnlyList<PlanChange> Changes, PlanContent Content);

namespace AiPlusTasks.Engine.Tasks;

/// <summary>A task's escalation (督办): what was done, in the order it was done, and what its ladder still holds.</summary>
/// <param name="Level">The highest level reached (0: none), as in the inbox.</param>
/// <param name="Applied">Every supervision action taken on the task, oldest first (rungs applied together keep ladder order).</param>
/// <param name="Planned">The ladder's rungs not yet applied, in ladder order; empty once the task is completed or cancelled.</param>
public sealed record TaskEscalation(int Level, IReadOnlyList<EscalationRung> Applied, IReadOnlyList<PlannedEscalationRung> Planned)
{
    /// <summary>No escalation and no ladder.</summary>
    public static TaskEscalation None { get; } = new(0, [], []);
}

namespace AiPlusTasks.Engine.TestRuns;

/// <summary>
/// A change a real run would have committed beyond the instance (a task row, a supervision action, a child instance)
/// and that a <see cref="TestRun"/> only records.
/// </summary>
/// <param name="Kind">What it would have been.</param>
/// <param name="ActivityId">The activity that asked for it; null when it cannot be told.</param>
/// <param name="JournalSequence">The journal entry it follows: the last entry of that activity in the same step, else the step's last entry.</param>
/// <param name="TaskTitle">For task effects: the task's title, when the task was issued in this run.</param>
/// <param name="AgencyCode">For task effects: the task's agency, when known.</param>
/// <param name="Outcome">For <see cref="TestRunEffectKind.TaskCompleted"/>: the outcome.</param>
/// <param name="Action">For <see cref="TestRunEffectKind.TaskEscalated"/>: the supervision action (reminder, urge, notice, interview, circular).</param>
/// <param name="DefinitionId">For <see cref="TestRunEffectKind.ChildStarted"/>: the child's definition.</param>
/// <param name="Description">For <see cref="TestRunEffectKind.Other"/>: the effect's type name.</param>
public sealed record TestRunEffect(
    TestRunEffectKind Kind,
    string? ActivityId,
    long JournalSequence,
    string? TaskTitle = null,
    string? AgencyCode = null,
    string? Outcome = null,
    string? Action = null,
    string? DefinitionId = null,
    string? Description = null);

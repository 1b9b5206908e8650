namespace AiPlusTasks.Workflows.Execution;

/// <summary>One line of an instance's journal: an activity that completed, suspended, resumed, faulted or was cancelled.</summary>
/// <param name="Sequence">Order within the instance, from 1.</param>
/// <param name="ActivityId">The activity.</param>
/// <param name="ActivityType">Its type.</param>
/// <param name="Event">Completed, Suspended, Resumed, Faulted or Cancelled.</param>
/// <param name="StartedAt">When the activity started (its first execution).</param>
/// <param name="CompletedAt">When it completed, faulted or was cancelled.</param>
/// <param name="Outcomes">The outcome ports it completed on.</param>
/// <param name="Message">The text a <c>WriteLine</c> wrote, or a fault's message.</param>
public sealed record JournalEntry(
    long Sequence,
    string ActivityId,
    string ActivityType,
    string Event,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<string>? Outcomes,
    string? Message);

namespace AiPlusTasks.Engine.Reviews;

/// <summary>One reviewer of a joint review and what they did.</summary>
/// <param name="Id">The reviewer's id in the review (for removing them).</param>
/// <param name="Position">Their place in the order (1, 2, …).</param>
/// <param name="Agency">The reviewer's agency.</param>
/// <param name="Role">staff, lead, or null for anyone of the agency.</param>
/// <param name="User">One user of the agency, or null.</param>
/// <param name="State">Waiting, Open, Approved, Returned, Abstained, Removed or Cancelled (<see cref="ReviewerStates"/>).</param>
/// <param name="TaskId">Their task, once issued.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="ActingFor">The person <paramref name="DecidedBy"/> acted for through a delegation.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Comment">Their opinion.</param>
/// <param name="Reason">The reason of a return, or why their turn was removed or cancelled.</param>
/// <param name="AddedBy">Who added them while the review ran (加签); null for the reviewers it started with.</param>
/// <param name="AddedReason">Why.</param>
/// <param name="AddedAt">When they joined the review.</param>
/// <param name="RemovedBy">Who removed them (减签).</param>
/// <param name="RemovedAt">When.</param>
public sealed record ReviewerView(
    string Id,
    int Position,
    string Agency,
    string? Role,
    string? User,
    string State,
    string? TaskId,
    string? DecidedBy,
    string? ActingFor,
    DateTimeOffset? DecidedAt,
    string? Comment,
    string? Reason,
    string? AddedBy,
    string? AddedReason,
    DateTimeOffset AddedAt,
    string? RemovedBy,
    DateTimeOffset? RemovedAt);

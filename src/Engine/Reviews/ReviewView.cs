namespace AiPlusTasks.Engine.Reviews;

/// <summary>A joint review as people and agency systems read it: its rule, where it stands and every reviewer.</summary>
/// <param name="Id">The review's id (for <c>/api/reviews/{id}</c>).</param>
/// <param name="InstanceId">The workflow instance it belongs to.</param>
/// <param name="Title">The reviewers' task title (Chinese).</param>
/// <param name="TitleEn">The English title, or null when there is none.</param>
/// <param name="OwnerAgency">The agency whose lead adds and removes reviewers.</param>
/// <param name="Mode">all, any, atLeast or share (<see cref="ReviewRule"/>).</param>
/// <param name="RequiredCount">For atLeast: the approvals needed.</param>
/// <param name="RequiredShare">For share: the share of deciding reviewers needed.</param>
/// <param name="Sequential">Reviewers decide one after another, in order.</param>
/// <param name="WaitForAll">The outcome waits for every reviewer.</param>
/// <param name="State">Open, Approved, Returned or Cancelled (<see cref="ReviewStates"/>).</param>
/// <param name="Reason">For a returned review: the reasons given, joined.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="DecidedAt">When it ended.</param>
/// <param name="Reviewers">The reviewers in order, including those removed (减签) and added (加签).</param>
public sealed record ReviewView(
    string Id,
    string InstanceId,
    string Title,
    string? TitleEn,
    string OwnerAgency,
    string Mode,
    int? RequiredCount,
    double? RequiredShare,
    bool Sequential,
    bool WaitForAll,
    string State,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    IReadOnlyList<ReviewerView> Reviewers);

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// A joint review (<c>AiPlus.Review</c>) as people read it: its rule, its state and, once decided, its outcome. Written by
/// the review's bursts only (the activity's memory is what decides); the reviewers are <see cref="ReviewParticipantRecord"/>s.
/// </summary>
public sealed class ReviewRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public required string ActivityId { get; set; }

    public required string Title { get; set; }

    public string? TitleEn { get; set; }

    /// <summary>The agency whose lead manages the review (adds and removes reviewers).</summary>
    public required string OwnerAgencyCode { get; set; }

    /// <summary><c>all</c>, <c>any</c>, <c>atLeast</c> or <c>share</c> (see <c>ReviewRule</c>).</summary>
    public required string Mode { get; set; }

    /// <summary>For <c>atLeast</c>: how many approvals pass the review.</summary>
    public int? RequiredCount { get; set; }

    /// <summary>For <c>share</c>: the share of deciding reviewers (0 to 1) whose approval passes it.</summary>
    public double? RequiredShare { get; set; }

    /// <summary>Reviewers decide one after another, in order, rather than all at once.</summary>
    public bool Sequential { get; set; }

    /// <summary>The outcome waits until every reviewer has decided (a return then carries every reason).</summary>
    public bool WaitForAll { get; set; }

    /// <summary><c>Open</c>, <c>Approved</c>, <c>Returned</c> or <c>Cancelled</c>.</summary>
    public required string State { get; set; }

    /// <summary>Why it ended as it did, in the words of the rule (e.g. 2 of 3 approved).</summary>
    public string? Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public int ConcurrencyVersion { get; set; }
}

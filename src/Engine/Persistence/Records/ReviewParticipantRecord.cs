namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One reviewer of a joint review: who (an agency, a role of it, or a user of it), their task and their decision.</summary>
public sealed class ReviewParticipantRecord
{
    public required string Id { get; set; }

    public required string ReviewId { get; set; }

    /// <summary>The reviewer's place in the review's order (1, 2, …; sequential reviews go in this order).</summary>
    public int Position { get; set; }

    public required string AgencyCode { get; set; }

    /// <summary><c>staff</c>, <c>lead</c>, or null for anyone of the agency.</summary>
    public string? Role { get; set; }

    /// <summary>One user of the agency, or null.</summary>
    public string? UserName { get; set; }

    /// <summary><c>Waiting</c> (a sequential turn not reached), <c>Open</c>, <c>Approved</c>, <c>Returned</c>, <c>Abstained</c>, <c>Removed</c> or <c>Cancelled</c>.</summary>
    public required string State { get; set; }

    /// <summary>The reviewer's task, once issued.</summary>
    public string? TaskId { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>The person <see cref="DecidedBy"/> acted for through a delegation.</summary>
    public string? ActingFor { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? Comment { get; set; }

    /// <summary>The reason of a return, or why the reviewer's turn was cancelled or removed.</summary>
    public string? Reason { get; set; }

    /// <summary>Who added the reviewer while the review ran (加签); null for the reviewers it started with.</summary>
    public string? AddedBy { get; set; }

    public string? AddedReason { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>Who removed the reviewer (减签).</summary>
    public string? RemovedBy { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public int ConcurrencyVersion { get; set; }
}

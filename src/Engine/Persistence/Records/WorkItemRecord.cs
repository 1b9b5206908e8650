namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// Durable work for an instance that must happen after a commit: start a child, resume a parent, cancel a child.
/// Deleting it in the transaction of the burst it causes is what makes it run once.
/// </summary>
public sealed class WorkItemRecord
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string InstanceId { get; set; }

    public string? BookmarkId { get; set; }

    public string? Payload { get; set; }

    /// <summary>True when only the background worker runs it (dispatched work); false when the caller that made it runs it right after commit.</summary>
    public bool Background { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Until when a background worker has it (null: nobody). A worker claims a batch before running it, so on several
    /// nodes each item runs on one; a claim left by a node that died lapses and the item is claimed again.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

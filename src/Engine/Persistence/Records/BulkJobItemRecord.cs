using AiPlusTasks.Engine.Bulk;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One item of a bulk job, frozen when the job was made, with its outcome once applied.</summary>
public sealed class BulkJobItemRecord
{
    public required string JobId { get; set; }

    /// <summary>The item's place in the job, from 1: items are applied in this order.</summary>
    public int Sequence { get; set; }

    /// <summary>The instance's or task's id.</summary>
    public required string ItemId { get; set; }

    /// <summary>Null until applied.</summary>
    public BulkItemStatus? Status { get; set; }

    public string? ReasonZh { get; set; }

    public string? ReasonEn { get; set; }

    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>
    /// Until when a runner has it (null: nobody). A runner claims a batch before applying it, so the runners of several
    /// nodes share a job; a claim left by a node that died lapses and the item is applied again (operations are safe to repeat).
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

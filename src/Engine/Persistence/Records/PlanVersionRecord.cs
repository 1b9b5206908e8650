namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>An immutable plan version: one per plan and period, with its parent, content hash, content, diff and roll steps.</summary>
public sealed class PlanVersionRecord
{
    public required string PlanId { get; set; }

    public int Number { get; set; }

    public required string Period { get; set; }

    public int? ParentNumber { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The dynamic layer (<c>PlanContent</c>), JSON.</summary>
    public required string Content { get; set; }

    /// <summary>The diff from the parent (<c>PlanChange[]</c>), JSON.</summary>
    public required string Changes { get; set; }

    /// <summary>The roll's steps with counts, JSON.</summary>
    public required string Steps { get; set; }

    /// <summary>What made it: <c>seed</c>, <c>schedule</c>, <c>catch-up</c> or the user who rolled.</summary>
    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

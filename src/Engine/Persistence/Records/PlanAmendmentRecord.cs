namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// A formal amendment of a plan's static layer (milestones, goal indicators, pillars, phases): the layer as amended,
/// why, under which document, by whom. Amendment 1 is the layer the plan was created with. Append-only.
/// </summary>
public sealed class PlanAmendmentRecord
{
    public required string PlanId { get; set; }

    public int Number { get; set; }

    /// <summary>The static layer as of this amendment, JSON.</summary>
    public required string Static { get; set; }

    public required string Reason { get; set; }

    /// <summary>The approving document's number (文号), if any.</summary>
    public string? DocumentNumber { get; set; }

    public required string AmendedBy { get; set; }

    public DateTimeOffset AmendedAt { get; set; }
}

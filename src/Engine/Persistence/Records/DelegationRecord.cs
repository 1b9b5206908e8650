namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// A delegation (代理): <see cref="FromUser"/> names <see cref="ToUser"/>, of the same agency, to act for them from
/// <see cref="StartsOn"/> to <see cref="EndsOn"/> (China-time dates, both inclusive), on all their tasks or on one plan's
/// or one pillar's. It is in force on a day in its range until revoked; nothing runs when it ends.
/// </summary>
public sealed class DelegationRecord
{
    /// <summary><c>dlg_</c> and 32 hex digits.</summary>
    public required string Id { get; set; }

    /// <summary>The agency of both people.</summary>
    public required string AgencyCode { get; set; }

    /// <summary>Whose work is delegated.</summary>
    public required string FromUser { get; set; }

    /// <summary>The substitute.</summary>
    public required string ToUser { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    /// <summary>Only this plan's tasks (null: not limited to a plan).</summary>
    public string? PlanId { get; set; }

    /// <summary>Only the tasks filed under this catalog pillar or item (null: not limited to a pillar).</summary>
    public string? Pillar { get; set; }

    public string? Reason { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokeReason { get; set; }
}

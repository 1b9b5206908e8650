namespace AiPlusTasks.Engine.Delegations;

/// <summary>A delegation (代理) as the API and the delegation page show it.</summary>
/// <param name="Id">Its id (<c>dlg_…</c>).</param>
/// <param name="AgencyCode">The agency of both people.</param>
/// <param name="FromUser">Whose work is delegated.</param>
/// <param name="ToUser">The substitute.</param>
/// <param name="StartsOn">First day in force (China time).</param>
/// <param name="EndsOn">Last day in force (China time).</param>
/// <param name="PlanId">Only this plan's tasks, when set.</param>
/// <param name="Pillar">Only the tasks under this catalog pillar or item, when set.</param>
/// <param name="Reason">Why it was made.</param>
/// <param name="CreatedBy">Who made it (the delegator, their lead or an NDRC administrator).</param>
/// <param name="CreatedAt">When.</param>
/// <param name="RevokedBy">Who revoked it, when revoked.</param>
/// <param name="RevokedAt">When it was revoked.</param>
/// <param name="RevokeReason">Why it was revoked.</param>
/// <param name="State">Where it stands today.</param>
public sealed record DelegationView(
    string Id,
    string AgencyCode,
    string FromUser,
    string ToUser,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string? PlanId,
    string? Pillar,
    string? Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    string? RevokeReason,
    DelegationState State);

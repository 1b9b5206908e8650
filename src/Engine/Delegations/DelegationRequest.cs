namespace AiPlusTasks.Engine.Delegations;

/// <summary>A new delegation (代理), as <c>POST /api/delegations</c> takes it.</summary>
/// <param name="ToUser">The substitute: a user of the delegator's agency, not the delegator.</param>
/// <param name="StartsOn">The first day it is in force (China time).</param>
/// <param name="EndsOn">The last day it is in force (China time), not before <paramref name="StartsOn"/> nor today.</param>
/// <param name="FromUser">Whose work is delegated: default the caller; another member of the agency for its lead (or an NDRC administrator).</param>
/// <param name="PlanId">Only this plan's tasks (not with <paramref name="Pillar"/>).</param>
/// <param name="Pillar">Only the tasks under this catalog pillar or item (not with <paramref name="PlanId"/>).</param>
/// <param name="Reason">Why (leave, a trip…), at most 4,000 characters.</param>
public sealed record DelegationRequest(
    string? ToUser,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    string? FromUser = null,
    string? PlanId = null,
    string? Pillar = null,
    string? Reason = null);

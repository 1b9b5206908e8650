namespace AiPlusTasks.Engine.Delegations;

/// <summary>Why a delegation ends early, as <c>POST /api/delegations/{id}/revoke</c> takes it.</summary>
/// <param name="Reason">Required, at most 4,000 characters.</param>
public sealed record DelegationRevocation(string? Reason);

namespace AiPlusTasks.Engine.Reviews;

/// <summary>A reviewer to add to a running review (加签): an agency, optionally one role of it or one user of it.</summary>
/// <param name="Agency">The agency's code (see <c>GET /api/agencies</c>).</param>
/// <param name="Role"><c>staff</c> or <c>lead</c>; null for anyone of the agency.</param>
/// <param name="User">One user of the agency; null for anyone (of the role).</param>
public sealed record ReviewerInput(string? Agency, string? Role = null, string? User = null);

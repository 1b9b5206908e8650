namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// Something to put on the audit trail. <paramref name="Detail"/> is cut to 4,000 characters and must never hold a secret
/// (a password, a token, a one-time code).
/// </summary>
/// <param name="Action">What was done, a dotted name (e.g. <c>signin.password</c>, <c>user.reset-password</c>; <see cref="AuditActions"/>).</param>
/// <param name="Actor">Who did it (a user name, <c>system:&lt;key&gt;</c>); for a failed sign-in, the name that was tried.</param>
/// <param name="Target">What it was done to, when anything.</param>
/// <param name="Outcome">How it ended (<see cref="AuditOutcomes"/>).</param>
/// <param name="Address">The caller's network address.</param>
/// <param name="Detail">Before/after values, a reason.</param>
/// <param name="ActingFor">Whom <paramref name="Actor"/> acted for through a delegation (代理), when they did.</param>
/// <param name="AgencyCode">The agency the actor acted in.</param>
public sealed record AuditEntry(
    string Action, string? Actor, string? Target, string Outcome, string? Address = null, string? Detail = null, string? ActingFor = null, string? AgencyCode = null);

namespace AiPlusTasks.Engine.Audit;

/// <summary>A stored line of the audit trail; <paramref name="Sequence"/> is its place in the hash chain (null until sealed).</summary>
public sealed record AuditEntryView(
    long Id, DateTimeOffset At, string Action, string? Actor, string? Target, string Outcome, string? Address, string? Detail,
    string? ActingFor = null, string? AgencyCode = null, long? Sequence = null);

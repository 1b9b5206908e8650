namespace AiPlusTasks.Engine.Audit;

/// <summary>A stored line of the audit trail.</summary>
public sealed record AuditEntryView(long Id, DateTimeOffset At, string Action, string? Actor, string? Target, string Outcome, string? Address, string? Detail);

namespace AiPlusTasks.Engine.Audit;

/// <summary>A filter over the audit trail; every part is optional. Newest first, at most <paramref name="Take"/> lines.</summary>
public sealed record AuditQuery(string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? Since = null, int Take = 100);

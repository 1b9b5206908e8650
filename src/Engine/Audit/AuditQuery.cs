namespace AiPlusTasks.Engine.Audit;

/// <summary>
/// A filter over the audit trail; every part is optional. Newest first, at most <paramref name="Take"/> lines.
/// <paramref name="ActorNamed"/>: a user name, or part of a person's shown name in either language (张三, an agency's role
/// account 广东省 工作人员), matched as the actor or as the one acted for; <paramref name="Until"/> is exclusive.
/// </summary>
public sealed record AuditQuery(
    string? Actor = null, string? Action = null, string? Target = null, DateTimeOffset? Since = null, int Take = 100,
    DateTimeOffset? Until = null, string? Agency = null, string? ActorNamed = null);

namespace AiPlusTasks.Engine.ApiKeys;

/// <summary>An API key as people see it: its prefix, never the key.</summary>
/// <param name="Id">The key's id (for revoking).</param>
/// <param name="AgencyCode">The agency the system acts for.</param>
/// <param name="Name">The system's name, unique among the agency's live keys; requests with the key act as <c>system:&lt;name&gt;:&lt;id&gt;</c>.</param>
/// <param name="Prefix">The key's first characters, to tell keys apart.</param>
/// <param name="CreatedBy">The user who created the key.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="RevokedBy">The user who revoked it, if revoked.</param>
/// <param name="RevokedAt">When it was revoked; a revoked key authenticates nothing.</param>
/// <param name="LastUsedAt">When it last authenticated a request, to within a minute.</param>
public sealed record ApiKeyView(
    string Id,
    string AgencyCode,
    string Name,
    string Prefix,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    string? RevokedBy,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// An agency system's API key. Only the SHA-256 of the key is stored, never the key; the prefix (its first characters)
/// is kept so people can tell keys apart and so authentication finds the candidate rows by index.
/// </summary>
public sealed class ApiKeyRecord
{
    public required string Id { get; set; }

    /// <summary>The agency the system acts for.</summary>
    public required string AgencyCode { get; set; }

    /// <summary>The system's name (unique among the agency's live keys); the caller is <c>system:&lt;name&gt;:&lt;id&gt;</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The key's first <c>ApiKeyService.PrefixLength</c> characters, for display and lookup.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the key's UTF-8 bytes.</summary>
    public required byte[] Hash { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the key last authenticated a request, to the minute (updated at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}

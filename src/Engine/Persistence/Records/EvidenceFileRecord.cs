namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>An uploaded evidence file, stored once per content (keyed by its SHA-256).</summary>
public sealed class EvidenceFileRecord
{
    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    public long Size { get; set; }

    public required byte[] Content { get; set; }

    public DateTimeOffset StoredAt { get; set; }
}

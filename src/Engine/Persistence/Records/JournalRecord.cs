namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A stored journal entry.</summary>
public sealed class JournalRecord
{
    public long Id { get; set; }

    public required string InstanceId { get; set; }

    public long Sequence { get; set; }

    public required string ActivityId { get; set; }

    public required string ActivityType { get; set; }

    public required string Event { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Outcome ports, comma-separated.</summary>
    public string? Outcomes { get; set; }

    public string? Message { get; set; }
}

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A domain event written in the same transaction as the burst that caused it, for delivery later.</summary>
public sealed class OutboxRecord
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    public string? InstanceId { get; set; }

    /// <summary>The event as JSON: <c>{type, timestamp, data}</c>.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

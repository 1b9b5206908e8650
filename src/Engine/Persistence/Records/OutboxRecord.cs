namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A domain event written in the same transaction as the burst that caused it, for delivery later.</summary>
public sealed class OutboxRecord
{
    /// <summary>Database-generated, increasing in commit order: the order events are fanned out and delivered in.</summary>
    public long Position { get; set; }

    /// <summary>The event's id: the <c>webhook-id</c> of every delivery of it, on every retry.</summary>
    public required string Id { get; set; }

    public required string Type { get; set; }

    public string? InstanceId { get; set; }

    /// <summary>
    /// The agencies the event is about, space-separated (a task's agency; both agencies of a move between them); null
    /// for events only NDRC receives. An agency's webhook subscriptions receive only the events naming it.
    /// </summary>
    public string? Agencies { get; set; }

    /// <summary>The event as JSON: <c>{type, timestamp, data}</c>.</summary>
    public required string Payload { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the webhook dispatcher queued the event's deliveries; null until then.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>When the notification fan-out turned the event into notifications (none for most types); null until then.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
}

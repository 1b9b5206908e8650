using AiPlusTasks.Engine.Webhooks;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One event to one subscription: the delivery log's row, and the queue the dispatcher works from.</summary>
public sealed class WebhookDeliveryRecord
{
    /// <summary>Database-generated; a subscription's deliveries are sent in this order.</summary>
    public long Id { get; set; }

    public required string SubscriptionId { get; set; }

    /// <summary>The outbox event's id, sent as <c>webhook-id</c> on every attempt and redelivery.</summary>
    public required string EventId { get; set; }

    public required string EventType { get; set; }

    /// <summary>The body sent: <c>{type, timestamp, data}</c>.</summary>
    public required string Payload { get; set; }

    public WebhookDeliveryState State { get; set; }

    public int Attempts { get; set; }

    /// <summary>When a pending delivery may be tried next.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? FirstAttemptAt { get; set; }

    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The receiver's HTTP status on the last attempt; null when no response came.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed (status, timeout, refused target…); null after a success.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>One row of a subscription's delivery log.</summary>
public sealed record WebhookDeliveryView(
    long Id,
    string EventId,
    string EventType,
    WebhookDeliveryState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt);

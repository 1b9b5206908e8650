namespace AiPlusTasks.Engine.Webhooks;

/// <summary>Where a delivery stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed for the whole retry window; a manual redelivery can send it again.</summary>
    Failed = 2,
}

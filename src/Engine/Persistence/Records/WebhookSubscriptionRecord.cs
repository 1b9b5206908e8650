namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>An agency system's subscription to events, delivered to <see cref="Url"/> signed with <see cref="Secret"/>.</summary>
public sealed class WebhookSubscriptionRecord
{
    public required string Id { get; set; }

    /// <summary>The owning agency: its subscriptions receive events about its own tasks (NDRC's receive every event).</summary>
    public required string AgencyCode { get; set; }

    public required string Url { get; set; }

    /// <summary>The event types delivered, space-separated; <c>*</c> for all.</summary>
    public required string EventTypes { get; set; }

    public string? Description { get; set; }

    /// <summary>The signing secret (<c>whsec_</c> + base64). Stored because signing needs it; shown once, never logged.</summary>
    public required string Secret { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>Failed delivery attempts since the last success; at the configured limit the subscription is disabled.</summary>
    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Why the subscription was turned off (shown to its owners); null while active.</summary>
    public string? DisabledReason { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastDeliveredAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int ConcurrencyVersion { get; set; }
}

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>A subscription as its owners see it; the secret is never part of it.</summary>
public sealed record WebhookSubscriptionView(
    string Id,
    string Agency,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Active,
    int ConsecutiveFailures,
    DateTimeOffset? DisabledAt,
    string? DisabledReason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastDeliveredAt,
    int PendingDeliveries);

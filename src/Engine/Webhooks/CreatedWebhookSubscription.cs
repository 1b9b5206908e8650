namespace AiPlusTasks.Engine.Webhooks;

/// <summary>A new subscription and its signing secret — the only time the secret is shown.</summary>
public sealed record CreatedWebhookSubscription(WebhookSubscriptionView Subscription, string Secret);

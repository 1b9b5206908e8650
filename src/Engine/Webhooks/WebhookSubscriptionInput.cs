namespace AiPlusTasks.Engine.Webhooks;

/// <summary>What a new subscription needs: where to send, which event types (<c>*</c> for all), and a note for people.</summary>
public sealed record WebhookSubscriptionInput(string? Url, IReadOnlyList<string>? EventTypes, string? Description);

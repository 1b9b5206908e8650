namespace AiPlusTasks.Engine.Webhooks;

/// <summary>How one delivery attempt went.</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="StatusCode">The receiver's status; null when no response came.</param>
/// <param name="Error">Why it failed, for the delivery log; null on success.</param>
public sealed record WebhookAttempt(bool Delivered, int? StatusCode, string? Error);

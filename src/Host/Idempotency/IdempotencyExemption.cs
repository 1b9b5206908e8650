namespace AiPlusTasks.Host.Idempotency;

/// <summary>
/// Endpoint metadata: this write cannot be replayed (its answer holds a secret that must not be stored), so a request
/// with an <c>Idempotency-Key</c> is refused with 400 rather than silently run twice on a retry.
/// </summary>
/// <param name="Reason">Why, for the 400's message.</param>
public sealed record IdempotencyExemption(string Reason);

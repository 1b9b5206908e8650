namespace AiPlusTasks.Engine.Idempotency;

/// <summary>An <c>Idempotency-Key</c> came back with a different request than the one it was first used for (HTTP 422).</summary>
public sealed class IdempotencyKeyReusedException(string message) : Exception(message);

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// The request collides with the current state (HTTP 409): a bookmark already consumed, an instance already ended,
/// a definition without a published version, a concurrent change that could not be retried.
/// </summary>
public sealed class ConflictException(string message, Exception? inner = null) : Exception(message, inner);

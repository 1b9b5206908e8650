namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// The request collides with the current state (HTTP 409): a bookmark already consumed, an instance already ended,
/// a definition without a published version, a concurrent change that could not be retried.
/// </summary>
public class ConflictException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// A burst lost the race for its instance more often than <see cref="EngineOptions.ConcurrencyRetries"/> allows. Unlike
/// other conflicts nothing is wrong with the request: the same call can succeed later, so queued work stays queued
/// and an event is not silently skipped.
/// </summary>
public sealed class ContentionException(string message) : ConflictException(message);

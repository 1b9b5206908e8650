namespace AiPlusTasks.Engine.Idempotency;

/// <summary>The answer to the first request with a key, as a retry gets it back.</summary>
/// <param name="StatusCode">The HTTP status (below 500: server errors are not kept, so a retry runs again).</param>
/// <param name="ContentType">The <c>Content-Type</c>, if any.</param>
/// <param name="Location">The <c>Location</c> header of a 201, if any.</param>
/// <param name="Body">The response body.</param>
public sealed record StoredResponse(int StatusCode, string? ContentType, string? Location, byte[] Body);

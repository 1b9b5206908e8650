namespace AiPlusTasks.Engine.Idempotency;

/// <summary>A write sent with an <c>Idempotency-Key</c>: who sent it, the key, and what it asked for.</summary>
/// <param name="AgencyCode">The caller's agency; with <paramref name="CallerName"/> the scope the key is unique in.</param>
/// <param name="CallerName">The user or system name.</param>
/// <param name="Key">The header's value (see <see cref="IdempotencyStore.ValidateKey"/>).</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query string.</param>
/// <param name="BodyHash">SHA-256 of the request body.</param>
public sealed record IdempotentRequest(string AgencyCode, string CallerName, string Key, string Method, string Path, byte[] BodyHash);

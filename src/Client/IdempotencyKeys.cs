using Microsoft.Kiota.Abstractions;

namespace AiPlusTasks.Client;

/// <summary>
/// The <c>Idempotency-Key</c> header: a write sent again with the same key (a retry after a timeout, a second run of
/// a nightly job) is answered with the first answer and changes nothing again; the same key with a different body is
/// refused with 422. API-key callers must send one on every write. Choose a key that names the change (an agency
/// system's report id, "report-2026-12-01"), or <see cref="New"/> for a one-off; Kiota's retry handler resends the
/// same request, key and all.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The header's name.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>A new random key, for a write that has no natural name.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>Sends <paramref name="key"/> as the request's <c>Idempotency-Key</c>.</summary>
    public static void WithIdempotencyKey<T>(this RequestConfiguration<T> request, string key) where T : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        request.Headers.Add(Header, key);
    }
}

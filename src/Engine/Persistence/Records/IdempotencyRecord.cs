namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// The first answer to a write sent with an <c>Idempotency-Key</c>, per caller and key. While the first request runs
/// the row is a reservation (<see cref="StatusCode"/> null); afterwards it holds the response a retry gets back.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    public required string AgencyCode { get; set; }

    public required string CallerName { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c> header.</summary>
    public required string Key { get; set; }

    public required string Method { get; set; }

    /// <summary>Path and query string of the first request.</summary>
    public required string Path { get; set; }

    /// <summary>SHA-256 of the first request's body.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>When the key was first used; the record expires a retention period later.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the request now holding the reservation started (a stale reservation may be taken over).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Null while the first request is in flight.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    public byte[]? Body { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}

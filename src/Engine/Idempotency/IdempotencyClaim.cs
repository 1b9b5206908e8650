namespace AiPlusTasks.Engine.Idempotency;

/// <summary>
/// What <see cref="IdempotencyStore.BeginAsync"/> decided: either the request is the first with its key and holds
/// the reservation <see cref="ReservationId"/> (run it, then complete or abandon the reservation), or it is a retry
/// and <see cref="Replay"/> is the first request's answer (run nothing).
/// </summary>
public sealed record IdempotencyClaim(long? ReservationId, StoredResponse? Replay)
{
    /// <summary>A retry: answer with <see cref="Replay"/>.</summary>
    public bool IsReplay => Replay is not null;
}

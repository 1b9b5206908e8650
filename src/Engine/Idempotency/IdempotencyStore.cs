using System.Security.Cryptography;
using System.Text;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Idempotency;

/// <summary>
/// Remembers the first answer to each write sent with an <c>Idempotency-Key</c>, per caller (agency and name), for
/// <see cref="Retention"/>. The first request reserves the key (a unique row), runs, and stores its answer; a retry with
/// the same method, path and body gets that answer back and runs nothing; the key with another request is refused.
/// The answer is stored after the request's own transaction commits, so a crash between the two leaves a reservation
/// that a retry may take over after <see cref="InFlightLease"/> and run again (docs/decisions/008).
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<WorkflowDbContext> dbFactory, TimeProvider time)
{
    /// <summary>The request header.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>Longest key accepted.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>How long a key and its answer are kept: 24 hours from the first request.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// A reservation older than this (5 minutes) is taken to belong to a request that died, and a retry takes it over;
    /// a younger one is a request still in flight, and a duplicate gets 409.
    /// </summary>
    public static readonly TimeSpan InFlightLease = TimeSpan.FromMinutes(5);

    /// <summary>
    /// An id for what a keyed request creates, the same for every retry of it (32 lowercase hex characters, from a
    /// SHA-256 of the caller and the key): a retry that runs again after a crash (see above) finds what the first try
    /// made instead of making it twice.
    /// </summary>
    public static string DerivedId(Caller caller, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller.AgencyCode}\n{caller.Name}\n{key}")))[..32];

    /// <summary>Expired keys are deleted on a write at most this often.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    private long _lastSweepTicks;

    /// <summary>
    /// Whether a request is keyed, after checking its <see cref="HeaderName"/> values: none is fine for people, but
    /// agency systems must send one; a key is 1–<see cref="MaxKeyLength"/> printable ASCII characters, and only one.
    /// </summary>
    /// <exception cref="RequestValidationException">The header is missing for a system, repeated, empty, too long or not printable ASCII; named <c>Idempotency-Key</c>.</exception>
    public static bool ValidateKey(Caller caller, IReadOnlyList<string?> values)
    {
        if (values.Count == 0)
        {
            return caller.IsSystem
                ? throw RequestValidationException.For(HeaderName, $"agency systems send an {HeaderName} header with every write")
                : false;
        }

        if (values.Count > 1)
        {
            throw RequestValidationException.For(HeaderName, $"send one {HeaderName}, not {values.Count}");
        }

        var key = values[0] ?? "";
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~') || string.IsNullOrWhiteSpace(key))
        {
            throw RequestValidationException.For(HeaderName, $"{HeaderName} must be 1 to {MaxKeyLength} printable ASCII characters");
        }

        return true;
    }

    /// <summary>Reserves the request's key, or returns the first answer when the request is a retry.</summary>
    /// <exception cref="IdempotencyKeyReusedException">The key was first used for another method, path or body.</exception>
    /// <exception cref="ConflictException">The first request with the key is still running.</exception>
    public async Task<IdempotencyClaim> BeginAsync(IdempotentRequest request, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await SweepIfDueAsync(now, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.IdempotencyKeys.AsNoTracking()
                .SingleOrDefaultAsync(r => r.AgencyCode == request.AgencyCode && r.CallerName == request.CallerName && r.Key == request.Key, cancellationToken);
            if (existing is not null && existing.CreatedAt > now - Retention)
            {
                var claim = await ClaimExistingAsync(db, existing, request, now, cancellationToken);
                if (claim is not null)
                {
                    return claim;
                }
            }
            else
            {
                if (existing is not null)
                {
                    await db.IdempotencyKeys.Where(r => r.Id == existing.Id && r.CreatedAt == existing.CreatedAt).ExecuteDeleteAsync(cancellationToken);
                }

                var record = new IdempotencyRecord
                {
                    AgencyCode = request.AgencyCode,
                    CallerName = request.CallerName,
                    Key = request.Key,
                    Method = request.Method,
                    Path = request.Path,
                    RequestHash = request.BodyHash,
                    CreatedAt = now,
                    StartedAt = now,
                };
                db.IdempotencyKeys.Add(record);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new IdempotencyClaim(record.Id, null);
                }
                catch (DbUpdateException)
                {
                    // A concurrent request with the same key inserted first (unique index): look again.
                    db.ChangeTracker.Clear();
                }
            }

            if (attempt > 0)
            {
                throw new ConflictException($"a request with {HeaderName} '{request.Key}' is in flight; retry after it finished");
            }
        }
    }

    /// <summary>Stores the answer of the request holding a reservation; retries get it from now on.</summary>
    public async Task CompleteAsync(long reservationId, StoredResponse response, CancellationToken cancellationToken = default)
    {
        if (response.StatusCode >= 500)
        {
            throw new ArgumentException("a server error is not an answer to replay; abandon the reservation", nameof(response));
        }

        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyKeys.Where(r => r.Id == reservationId && r.StatusCode == null).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.StatusCode, response.StatusCode)
                .SetProperty(r => r.ContentType, response.ContentType)
                .SetProperty(r => r.Location, response.Location)
                .SetProperty(r => r.Body, response.Body)
                .SetProperty(r => r.CompletedAt, now),
            cancellationToken);
    }

    /// <summary>Drops a reservation whose request failed (server error, exception, aborted): a retry runs again.</summary>
    public async Task AbandonAsync(long reservationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyKeys.Where(r => r.Id == reservationId && r.StatusCode == null).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes every key older than <see cref="Retention"/>; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - Retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyKeys.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task SweepIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < SweepInterval.Ticks || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        await SweepAsync(cancellationToken);
    }

    /// <summary>The claim on a live record: a replay, a taken-over stale reservation, or null when the takeover lost a race.</summary>
    private static async Task<IdempotencyClaim?> ClaimExistingAsync(
        WorkflowDbContext db, IdempotencyRecord existing, IdempotentRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (existing.Method != request.Method || existing.Path != request.Path || !existing.RequestHash.AsSpan().SequenceEqual(request.BodyHash))
        {
            throw new IdempotencyKeyReusedException(
                $"{HeaderName} '{request.Key}' was used for another request ({existing.Method} {existing.Path}" +
                (existing.Method == request.Method && existing.Path == request.Path ? " with another body" : "") +
                "); use a new key for a new request");
        }

        if (existing.StatusCode is { } status)
        {
            return new IdempotencyClaim(null, new StoredResponse(status, existing.ContentType, existing.Location, existing.Body ?? []));
        }

        if (existing.StartedAt > now - InFlightLease)
        {
            throw new ConflictException($"a request with {HeaderName} '{request.Key}' is in flight; retry after it finished");
        }

        var started = existing.StartedAt;
        var taken = await db.IdempotencyKeys
            .Where(r => r.Id == existing.Id && r.StatusCode == null && r.StartedAt == started)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.StartedAt, now), cancellationToken);
        return taken == 1 ? new IdempotencyClaim(existing.Id, null) : null;
    }
}

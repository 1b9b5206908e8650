using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The sign-in limits that need the user name, which the per-address rate limiter in front of the routes cannot see: a
/// fixed window of attempts per user name (known or not, so the limit tells nothing about who exists), and a cap on the
/// slow password checks running at once. Both are System.Threading.RateLimiting limiters; their windows run on the real
/// clock (the library takes no <see cref="TimeProvider"/>).
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perUser;
    private readonly ConcurrencyLimiter _passwordChecks;

    /// <summary>Limits from <see cref="SignInOptions.UserPermitLimit"/>, <see cref="SignInOptions.UserWindow"/> and <see cref="SignInOptions.ConcurrentPasswordChecks"/>.</summary>
    public SignInThrottle(IOptions<SignInOptions> options)
    {
        var o = options.Value;
        _perUser = PartitionedRateLimiter.Create<string, string>(name => RateLimitPartition.GetFixedWindowLimiter(
            name,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.UserPermitLimit, Window = o.UserWindow, QueueLimit = 0 }));
        _passwordChecks = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = o.ConcurrentPasswordChecks,
            QueueLimit = o.ConcurrentPasswordChecks,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>One attempt for <paramref name="userName"/> (case-insensitive); not acquired when the name's window is used up.</summary>
    public RateLimitLease AcquireForUser(string userName) => _perUser.AttemptAcquire(userName.Trim().ToUpperInvariant());

    /// <summary>A turn to check a password; waits in the queue while every turn is taken, not acquired when the queue is full too.</summary>
    public ValueTask<RateLimitLease> AcquirePasswordCheckAsync(CancellationToken cancellationToken) =>
        _passwordChecks.AcquireAsync(1, cancellationToken);

    /// <summary>How long a refused lease says to wait; a second when it does not say.</summary>
    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);

    public void Dispose()
    {
        _perUser.Dispose();
        _passwordChecks.Dispose();
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// ASP.NET Core rate limiting of the sign-in routes per client address (<see cref="SignInOptions.AddressPermitLimit"/>
/// per <see cref="SignInOptions.AddressWindow"/>; the address is the connection's, or the forwarded one where forwarded
/// headers are trusted). Refused: under <c>/api</c> a 429 ProblemDetails with <c>Retry-After</c>; a form post is sent
/// back to <c>/signin</c>, which says in words to wait.
/// </summary>
public static class SignInRateLimiting
{
    /// <summary>The policy the sign-in, two-factor, password and refresh routes require.</summary>
    public const string Policy = "sign-in";

    /// <summary>Adds the rate limiter with the <see cref="Policy"/> policy.</summary>
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInOptions>>((limiter, signIn) =>
        {
            var o = signIn.Value;
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.AddressPermitLimit, Window = o.AddressWindow, QueueLimit = 0 }));
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : o.AddressWindow;
                return WriteThrottledAsync(rejected.HttpContext, retryAfter);
            };
        });
        return services;
    }

    /// <summary>
    /// Answers a refused sign-in attempt: <c>Retry-After</c> (whole seconds, at least 1) and, under <c>/api</c>, a 429
    /// ProblemDetails; elsewhere (a form post) a redirect to <c>/signin?throttled=&lt;seconds&gt;</c>.
    /// </summary>
    public static async ValueTask WriteThrottledAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = context.Response;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            response.Redirect($"/signin?throttled={seconds}");
            return;
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many sign-in attempts",
                Detail = $"Too many sign-in attempts; try again in {seconds} seconds.",
            },
        });
    }
}

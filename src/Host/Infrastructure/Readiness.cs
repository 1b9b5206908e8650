using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// The Host listens once the database is migrated, and is ready once the rest of start-up (timer recovery, the plan
/// calendar, seeding) is done, when the host reports itself started (docs/decisions/020). Until then <c>/health</c>
/// answers 503 <c>{"status":"starting"}</c> and every other request a 503 ProblemDetails "Starting, try again" with
/// <c>Retry-After</c>, rather than an answer from a half-seeded database; then <c>/health</c> answers 200
/// <c>{"status":"healthy"}</c>.
/// </summary>
public static class Readiness
{
    public const string HealthPath = "/health";

    /// <summary>Seconds a client is asked to wait before trying again while the Host starts.</summary>
    public const int RetryAfterSeconds = 1;

    private const string Starting = "starting";

    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>
    /// Until the Host is ready, answers <c>/health</c> with 503 "starting" and refuses every other request with 503; then
    /// lets everything through (one check of a flag per request). The health checks themselves run only once ready, so
    /// a load balancer polling a starting Host fills no log.
    /// </summary>
    public static WebApplication UseStartupGate(this WebApplication app)
    {
        var started = app.Lifetime.ApplicationStarted;
        app.Use(async (context, next) =>
        {
            if (started.IsCancellationRequested)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments(HealthPath))
            {
                await WriteStatusAsync(context, Starting);
                return;
            }

            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "Starting, try again",
                    Detail = $"AiPlusTasks is starting (seeding, timers); try again in {RetryAfterSeconds} s.",
                },
            });
        });
        return app;
    }

    /// <summary><c>/health</c> once ready: 200 <c>{"status":"healthy"}</c> (or <c>degraded</c>), 503 <c>{"status":"unhealthy"}</c> should a health check fail.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            ResponseWriter = (context, report) => WriteStatusAsync(context, report.Status switch
            {
                HealthStatus.Healthy => "healthy",
                HealthStatus.Degraded => "degraded",
                _ => "unhealthy",
            }),
        });
        return app;
    }

    private static Task WriteStatusAsync(HttpContext context, string status) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["status"] = status });
}

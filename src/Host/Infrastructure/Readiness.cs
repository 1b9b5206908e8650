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

    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StartupHealthCheck>("startup");
        return services;
    }

    /// <summary>Refuses every request but <c>/health</c> with 503 until the Host is ready (one check of a flag once it is).</summary>
    public static WebApplication UseStartupGate(this WebApplication app)
    {
        var started = app.Lifetime.ApplicationStarted;
        app.Use(async (context, next) =>
        {
            if (started.IsCancellationRequested || context.Request.Path.StartsWithSegments(HealthPath))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
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

    /// <summary><c>/health</c>: 200 <c>{"status":"healthy"}</c> when ready, else 503 with the failing check's word (<c>starting</c>).</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteStatusAsync });
        return app;
    }

    private static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        var status = report.Status == HealthStatus.Healthy
            ? "healthy"
            : report.Entries.Values.Select(e => e.Description).FirstOrDefault(d => d is not null) ?? "unhealthy";
        return context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["status"] = status });
    }
}

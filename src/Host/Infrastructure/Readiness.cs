using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// The Host listens once the database is migrated, and is ready once the rest of start-up (timer recovery, the plan
/// calendar, seeding) is done, when the host reports itself started (docs/decisions/020). Until then <c>/health</c>
/// answers 503 <c>{"status":"starting"}</c> and every other request a 503 ProblemDetails "Starting, try again" with
/// <c>Retry-After</c>, rather than an answer from a half-seeded database; then <c>/health</c> answers 200
/// <c>{"status":"healthy"}</c>.
/// For orchestrators (docs/decisions/035): <c>/health/live</c> answers 200 whenever the process serves HTTP, during
/// start-up too, and checks nothing else; <c>/health/ready</c> answers 503 "starting" like <c>/health</c> until the Host
/// is ready, then 200 while the database answers and 503 "unhealthy" when it does not.
/// </summary>
public static class Readiness
{
    public const string HealthPath = "/health";

    /// <summary>Liveness: the process is up (no dependency checked); answers during start-up.</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: start-up is done and the database answers.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>The tag of the health checks <see cref="ReadyPath"/> runs.</summary>
    private const string ReadyTag = "ready";

    /// <summary>Seconds a client is asked to wait before trying again while the Host starts.</summary>
    public const int RetryAfterSeconds = 1;

    private const string Starting = "starting";

    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Until the Host is ready, answers <c>/health</c> with 503 "starting" and refuses every other request with 503; then
    /// lets everything through (one check of a flag per request). The health checks themselves run only once ready, so
    /// a load balancer polling a starting Host fills no log. Liveness (<see cref="LivePath"/>) always goes through.
    /// </summary>
    public static WebApplication UseStartupGate(this WebApplication app)
    {
        var started = app.Lifetime.ApplicationStarted;
        app.Use(async (context, next) =>
        {
            if (started.IsCancellationRequested || context.Request.Path.StartsWithSegments(LivePath))
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

    /// <summary>
    /// Once ready, each route answers 200 <c>{"status":"healthy"}</c> (or <c>degraded</c>), 503 <c>{"status":"unhealthy"}</c>
    /// should one of its checks fail: <c>/health</c> (as before readiness and liveness were told apart: no checks) and
    /// <c>/health/live</c> none, <c>/health/ready</c> the database.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, Checks(_ => false));
        app.MapHealthChecks(LivePath, Checks(_ => false));
        app.MapHealthChecks(ReadyPath, Checks(check => check.Tags.Contains(ReadyTag)));
        return app;
    }

    private static HealthCheckOptions Checks(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) => WriteStatusAsync(context, report.Status switch
        {
            HealthStatus.Healthy => "healthy",
            HealthStatus.Degraded => "degraded",
            _ => "unhealthy",
        }),
    };

    private static Task WriteStatusAsync(HttpContext context, string status) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["status"] = status });
}

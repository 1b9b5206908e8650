using System.Security.Claims;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Retention (README, "Retention"): the run the schedule makes nightly, on demand, for NDRC administrators.</summary>
public static class RetentionEndpoints
{
    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/retention").WithTags("Retention").RequireAuthorization();
        group.MapPost("/run", RunRetention).WithName(nameof(RunRetention))
            .WithSummary("Prune and archive now, as the nightly run does; answers the numbers")
            .WithDescription("Deletes dispatched outbox events, finished webhook deliveries, expired idempotency records and old notifications, and archives finished instances past their limits (Retention settings), in batches. Waits for a run already going. NDRC administrators only.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    /// <summary>One retention run now; what it pruned and archived, and the archive file.</summary>
    public static async Task<Ok<RetentionReport>> RunRetention(RetentionService retention, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retention.RunAsync(CallerClaims.ToCaller(user), cancellationToken));
}

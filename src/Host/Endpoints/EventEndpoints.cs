using System.Security.Claims;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Contract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Raise a named event: resumes the <c>Elsa.Event</c> bookmarks waiting for it.</summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/events").WithTags("Events").RequireAuthorization()
            .MapPost("/{name}", RaiseEvent).WithName(nameof(RaiseEvent)).WithSummary("Raise a named event to resume the workflows waiting for it").OpenToAgencySystems();
        return app;
    }

    /// <summary>
    /// 200 with the instances resumed; 404 when nothing waited for the event (with that correlation id). NDRC planners
    /// and supervisors raise any event; agency callers (staff, leads, systems) must name a correlation id of one of
    /// their agency's tasks (400 without one; another agency's is a 404, like one nothing waits for).
    /// </summary>
    public static async Task<Ok<RaiseEventResult>> RaiseEvent(WorkflowRuntime runtime, ClaimsPrincipal user, string name, RaiseEventBody? body, CancellationToken cancellationToken) =>
        TypedResults.Ok(new RaiseEventResult(await runtime.RaiseEventAsync(CallerClaims.ToCaller(user), name, body?.CorrelationId, body?.Payload, cancellationToken)));

    /// <summary>The body of <c>POST /api/events/{name}</c>.</summary>
    public sealed record RaiseEventBody(string? CorrelationId, JsonNode? Payload);

    /// <summary>The instances an event resumed.</summary>
    public sealed record RaiseEventResult(IReadOnlyList<string> ResumedInstanceIds);
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Runtime.Messages;
using AiPlusTasks.Host.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Raise a named event: resumes the <c>Elsa.Event</c> bookmarks waiting for it.</summary>
public static class EventEndpoints
{
    public static IEndpointRouteBuilder MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/events").WithTags("Events").RequireAuthorization()
            .MapPost("/{name}", RaiseEvent).WithName(nameof(RaiseEvent));
        return app;
    }

    /// <summary>200 with the instances resumed; 404 when nothing waited for the event (with that correlation id).</summary>
    public static async Task<Ok<RaiseEventResult>> RaiseEvent(ISender sender, string name, RaiseEventBody? body, CancellationToken cancellationToken)
    {
        var resumed = await sender.Send(new RaiseEvent(name, body?.CorrelationId, body?.Payload), cancellationToken);
        if (resumed.Count == 0)
        {
            var scope = body?.CorrelationId is null ? "" : $" with correlation id '{body.CorrelationId}'";
            throw new NotFoundException($"no workflow instance waits for event '{name}'{scope}");
        }

        return TypedResults.Ok(new RaiseEventResult(resumed));
    }

    /// <summary>The body of <c>POST /api/events/{name}</c>.</summary>
    public sealed record RaiseEventBody(string? CorrelationId, JsonNode? Payload);

    /// <summary>The instances an event resumed.</summary>
    public sealed record RaiseEventResult(IReadOnlyList<string> ResumedInstanceIds);
}

using System.Security.Claims;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Supervision by hand on a task (催办). The task's escalation itself (the rungs taken and to come) is part of
/// <c>GET /api/tasks/{taskId}</c> (<see cref="TaskView.Escalation"/>), so the page and the API show the same.
/// </summary>
public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        group.MapPost("/{taskId}/urge", UrgeTask).WithName(nameof(UrgeTask)).ProducesValidationProblem();
        return app;
    }

    /// <summary>
    /// 催办: an NDRC supervisor or planner urges an open task with a message; 403 for anyone else, 400 naming
    /// <c>message</c> when it is empty, 404 for no such task, 409 when the task is completed or cancelled.
    /// </summary>
    public static async Task<Ok<TaskView>> UrgeTask(EscalationService escalations, ClaimsPrincipal user, string taskId, UrgeBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await escalations.UrgeAsync(CallerClaims.ToCaller(user), taskId, body.Message, cancellationToken));

    /// <summary>The body of <c>POST /api/tasks/{id}/urge</c>: the message told to the task's agency.</summary>
    public sealed record UrgeBody(string? Message);
}

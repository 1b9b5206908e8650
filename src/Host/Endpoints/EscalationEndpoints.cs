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
        group.MapPost("/{taskId}/urge", UrgeTask).WithName(nameof(UrgeTask)).WithSummary("Urge an open task (催办)").ProducesValidationProblem();
        group.MapPost("/{taskId}/extend-due", ExtendTaskDue).WithName(nameof(ExtendTaskDue)).WithSummary("Extend an open task's due date (NDRC)").ProducesValidationProblem();
        return app;
    }

    /// <summary>
    /// 催办: an NDRC supervisor or planner urges an open task with a message; 403 for anyone else, 400 naming
    /// <c>message</c> when it is empty, 404 for no such task, 409 when the task is completed or cancelled.
    /// </summary>
    public static async Task<Ok<TaskView>> UrgeTask(EscalationService escalations, ClaimsPrincipal user, string taskId, UrgeBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await escalations.UrgeAsync(CallerClaims.ToCaller(user), taskId, body.Message, cancellationToken));

    /// <summary>
    /// Moves an open task's due date later with a reason (NDRC supervisors and planners; 403 for others): its colour and
    /// escalation ladder follow, its history records it and the event <c>task.due_extended</c> is sent. 400 naming
    /// <c>dueAt</c> (missing, not later than now or than the task's due date) or <c>reason</c> (empty), 404 for no such
    /// task, 409 when it is completed or cancelled or part of another step (a co-unit's part, a reviewer's task).
    /// </summary>
    public static async Task<Ok<TaskView>> ExtendTaskDue(EscalationService escalations, ClaimsPrincipal user, string taskId, ExtendDueBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await escalations.ExtendDueAsync(CallerClaims.ToCaller(user), taskId, body.DueAt, body.Reason, cancellationToken));

    /// <summary>The body of <c>POST /api/tasks/{id}/extend-due</c>: the new due time (ISO 8601 with offset) and why.</summary>
    public sealed record ExtendDueBody(DateTimeOffset? DueAt, string? Reason);

    /// <summary>The body of <c>POST /api/tasks/{id}/urge</c>: the message told to the task's agency.</summary>
    public sealed record UrgeBody(string? Message);
}

using System.Security.Claims;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Start and cancel instances (NDRC planners); list and inspect them and read their journal (NDRC staff and auditors).
/// The runtime refuses others with 403.
/// </summary>
public static class WorkflowInstanceEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("Workflow instances").RequireAuthorization();
        group.MapGet("/", ListInstances).WithName(nameof(ListInstances));
        group.MapPost("/", StartInstance).WithName(nameof(StartInstance)).ProducesValidationProblem();
        group.MapGet("/{instanceId}", GetInstance).WithName(nameof(GetInstance))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/{instanceId}/journal", GetJournal).WithName(nameof(GetJournal))
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPost("/{instanceId}/cancel", CancelInstance).WithName(nameof(CancelInstance));
        return app;
    }

    public static async Task<Ok<Page<InstanceSummary>>> ListInstances(
        WorkflowRuntime runtime, ClaimsPrincipal user, string? definitionId, WorkflowStatus? status, string? correlationId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await runtime.ListAsync(CallerClaims.ToCaller(user), new InstanceQuery(definitionId, status, correlationId, number, size), cancellationToken));
    }

    public static async Task<Created<InstanceView>> StartInstance(WorkflowRuntime runtime, StartInstanceBody body, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.DefinitionId))
        {
            errors["definitionId"] = ["definitionId is required"];
        }

        if (body.Input is not null and not JsonObject)
        {
            errors["input"] = ["input must be a JSON object"];
        }

        if (body.Version is < 1)
        {
            errors["version"] = ["version must be 1 or more"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var instance = await runtime.StartAsync(
            CallerClaims.ToCaller(context.User),
            new StartWorkflowRequest(body.DefinitionId!, body.Input as JsonObject, body.CorrelationId, body.Version, KeyedInstanceId(context)),
            cancellationToken);
        return TypedResults.Created($"/api/workflow-instances/{instance.Id}", instance);
    }

    public static async Task<Ok<InstanceView>> GetInstance(WorkflowRuntime runtime, ClaimsPrincipal user, string instanceId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.GetAsync(CallerClaims.ToCaller(user), instanceId, cancellationToken));

    public static async Task<Ok<Page<JournalEntry>>> GetJournal(WorkflowRuntime runtime, ClaimsPrincipal user, string instanceId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await runtime.GetJournalAsync(CallerClaims.ToCaller(user), instanceId, number, size, cancellationToken));
    }

    public static async Task<Ok<InstanceView>> CancelInstance(WorkflowRuntime runtime, ClaimsPrincipal user, string instanceId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.CancelAsync(CallerClaims.ToCaller(user), instanceId, cancellationToken));

    /// <summary>
    /// A start sent with an <c>Idempotency-Key</c> gets an instance id derived from it: if the node running the first try
    /// dies after the instance committed but before the answer was stored, the retry finds that instance.
    /// </summary>
    private static string? KeyedInstanceId(HttpContext context) =>
        context.Request.Headers[IdempotencyStore.HeaderName] is [{ } key] && context.User.Identity?.IsAuthenticated == true
            ? IdempotencyStore.DerivedId(CallerClaims.ToCaller(context.User), key)
            : null;

    /// <summary>The body of <c>POST /api/workflow-instances</c>.</summary>
    public sealed record StartInstanceBody(string? DefinitionId, JsonNode? Input, string? CorrelationId, int? Version);
}

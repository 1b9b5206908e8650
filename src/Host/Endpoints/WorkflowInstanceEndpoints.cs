using System.Security.Claims;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Versions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Start, cancel and migrate instances to another version (NDRC planners); list and inspect them and read their journal (NDRC staff and auditors).
/// The runtime refuses others with 403.
/// </summary>
public static class WorkflowInstanceEndpoints
{
    public static IEndpointRouteBuilder MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-instances").WithTags("Workflow instances").RequireAuthorization();
        group.MapGet("/", ListInstances).WithName(nameof(ListInstances))
            .WithSummary("List instances, newest first, with each one's title and who started it")
            .WithDescription("Filters: `definitionId`, `status`, `correlationId` (exact), `version` (of the definition), `q` (text in the instance id, the correlation id or a title of its tasks). Each item has the input's `title` and `startedBy` (the user, from the audit trail; null when the engine started it). NDRC staff and auditors only. 400 naming `version`, `page` or `pageSize`.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", StartInstance).WithName(nameof(StartInstance)).ProducesValidationProblem()
            .WithSummary("Start a workflow instance")
            .WithDescription("Body `{definitionId, input?, correlationId?, version?}`: runs the published version (or `version`) of the definition with `input` until it waits, and answers 201 with the instance. NDRC planners only. 400 naming `definitionId`, `input` (not an object) or `version`; 404 for no such published definition. With an `Idempotency-Key` the instance id is derived from the key, so a retry after a lost answer finds the same instance.");
        group.MapGet("/{instanceId}", GetInstance).WithName(nameof(GetInstance))
            .WithSummary("Read an instance: status, variables, output, bookmarks and incidents")
            .WithDescription("NDRC staff and auditors. 404 for no such instance; 410 when retention archived it. Changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/{instanceId}/children", GetChildren).WithName(nameof(GetChildren))
            .WithSummary("The instances an instance started, with the agency each works for and its progress")
            .WithDescription("Fan-out children and child workflows, oldest first: `id`, `definitionId`, `status`, `agency` (code), the latest task's `taskState` and `colour`, the latest progress report's `progressPercent` and `reportedAt`. NDRC staff and auditors only.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapGet("/{instanceId}/journal", GetJournal).WithName(nameof(GetJournal))
            .WithSummary("Read an instance's journal: every activity run, who and when, and what it wrote")
            .WithDescription("Paged (`page`, `pageSize`), oldest first. NDRC staff and auditors. 404 for no such instance; 410 when retention archived it. Changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone);
        group.MapPost("/{instanceId}/cancel", CancelInstance).WithName(nameof(CancelInstance))
            .WithSummary("Cancel an instance and its running children")
            .WithDescription("A running, suspended or faulted instance is cancelled, with its open tasks; its active children follow through queued work. NDRC planners only. 404 for no such instance; 409 when it already finished or was cancelled.");
        group.MapPost("/{instanceId}/retry", RetryInstance).WithName(nameof(RetryInstance)).WithSummary("Retry a faulted instance from its faulted activity").ProducesValidationProblem();
        group.MapPost("/{instanceId}/skip", SkipActivity).WithName(nameof(SkipActivity)).WithSummary("Skip a faulted activity and go on from one of its ports").ProducesValidationProblem();
        group.MapPost("/migrations/preview", PreviewMigration).WithName(nameof(PreviewMigration))
            .WithSummary("Whether each running instance of a definition can move to another published version, and why not")
            .WithDescription("Body `{definitionId, targetVersion, instanceIds?, mapping: {from: to|null}}`: an activity id not in `mapping` maps to itself when the target version has it; null drops it. Without `instanceIds`, every running instance of the definition (the oldest 1,000). Each item says `canMove` and every reason it cannot, in Chinese (`zh`) and English (`en`). NDRC planners only. 400 naming `definitionId`, `targetVersion` (no such published version) or `mapping.<from>` (the target has no such activity).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/{instanceId}/migrate", MigrateInstance).WithName(nameof(MigrateInstance))
            .WithSummary("Move a running instance to another published version of its definition")
            .WithDescription("Body `{targetVersion, mapping: {from: to|null}}`. What waits (bookmarks, timers, open tasks, running children and containers) takes the place the mapping gives it; nothing already done runs again; the journal records the move and `instance.migrated` is sent. An instance already on the version is left as it is. NDRC planners only. 400 naming `targetVersion` or `mapping.<from>`; 409 when the instance is not running or cannot move (with every reason).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Ok<Page<InstanceSummary>>> ListInstances(
        WorkflowRuntime runtime, ClaimsPrincipal user, string? definitionId, WorkflowStatus? status, string? correlationId, int? version, string? q, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        if (version is < 1)
        {
            throw RequestValidationException.For("version", "version must be 1 or more");
        }

        return TypedResults.Ok(await runtime.ListAsync(
            CallerClaims.ToCaller(user), new InstanceQuery(definitionId, status, correlationId, number, size, Version: version, Text: q), cancellationToken));
    }

    public static async Task<Ok<IReadOnlyList<ChildInstanceSummary>>> GetChildren(WorkflowRuntime runtime, ClaimsPrincipal user, string instanceId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.ChildrenAsync(CallerClaims.ToCaller(user), instanceId, cancellationToken));

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

    /// <summary>Whether each running instance (or each named one) can move to the target version, and why not; NDRC planners only.</summary>
    public static async Task<Ok<IReadOnlyList<MigrationPreviewItem>>> PreviewMigration(InstanceMigrator migrator, ClaimsPrincipal user, MigrationPreviewBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await migrator.PreviewAsync(
            CallerClaims.ToCaller(user),
            new MigrationPreviewRequest(body.DefinitionId, body.TargetVersion, body.InstanceIds, body.Mapping ?? []),
            cancellationToken));

    /// <summary>Moves one running instance to another published version; NDRC planners only.</summary>
    public static async Task<Ok<InstanceView>> MigrateInstance(InstanceMigrator migrator, ClaimsPrincipal user, string instanceId, MigrateBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await migrator.MigrateAsync(CallerClaims.ToCaller(user), instanceId, body.TargetVersion, body.Mapping ?? [], cancellationToken));

    /// <summary>
    /// Retries a faulted instance from its faulted activity, on the instance's own version (NDRC planners; 403 for others):
    /// <c>{reason?, variables?}</c>, the variables (declared by the definition, else 400 naming <c>variables.&lt;name&gt;</c>)
    /// set first. The incident is kept as resolved. 404 for no such instance, 409 when it is not faulted or its fault is
    /// not in one activity.
    /// </summary>
    public static async Task<Ok<InstanceView>> RetryInstance(WorkflowRuntime runtime, ClaimsPrincipal user, string instanceId, RetryBody? body, CancellationToken cancellationToken)
    {
        if (body?.Variables is not null and not JsonObject)
        {
            throw RequestValidationException.For("variables", "variables must be a JSON object");
        }

        return TypedResults.Ok(await runtime.RetryAsync(CallerClaims.ToCaller(user), instanceId, body?.Reason, body?.Variables as JsonObject, cancellationToken));
    }

    /// <summary>
    /// Skips the faulted activity of an instance: <c>{activityId?, outcome, reason}</c> completes it with <c>outcome</c>
    /// (one of its ports, else 400 naming <c>outcome</c>; <c>reason</c> required) and the flow continues from that port
    /// (NDRC planners; 403 for others). 404 for no such instance, 409 when it is not faulted, its fault is not in one
    /// activity, or not in <c>activityId</c>.
    /// </summary>
    public static async Task<Ok<InstanceView>> SkipActivity(WorkflowRuntime runtime, ClaimsPrincipal user, string instanceId, SkipBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.SkipAsync(CallerClaims.ToCaller(user), instanceId, body.ActivityId, body.Outcome, body.Reason, cancellationToken));

    /// <summary>
    /// A start sent with an <c>Idempotency-Key</c> gets an instance id derived from it: if the node running the first try
    /// dies after the instance committed but before the answer was stored, the retry finds that instance.
    /// </summary>
    private static string? KeyedInstanceId(HttpContext context) =>
        context.Request.Headers[IdempotencyStore.HeaderName] is [{ } key] && context.User.Identity?.IsAuthenticated == true
            ? IdempotencyStore.DerivedId(CallerClaims.ToCaller(context.User), key)
            : null;

    /// <summary>The body of <c>POST /api/workflow-instances/migrations/preview</c>.</summary>
    /// <param name="DefinitionId">The definition whose instances would move.</param>
    /// <param name="TargetVersion">A published version of it.</param>
    /// <param name="InstanceIds">The instances to preview; none: every running instance of the definition.</param>
    /// <param name="Mapping">Activity ids of the instances' versions to the target's; null drops one.</param>
    public sealed record MigrationPreviewBody(string? DefinitionId, int? TargetVersion, List<string>? InstanceIds, Dictionary<string, string?>? Mapping);

    /// <summary>The body of <c>POST /api/workflow-instances/{instanceId}/migrate</c>.</summary>
    /// <param name="TargetVersion">A published version of the instance's definition.</param>
    /// <param name="Mapping">Activity ids of the instance's version to the target's; null drops one.</param>
    public sealed record MigrateBody(int? TargetVersion, Dictionary<string, string?>? Mapping);

    /// <summary>The body of <c>POST /api/workflow-instances</c>.</summary>
    public sealed record StartInstanceBody(string? DefinitionId, JsonNode? Input, string? CorrelationId, int? Version);

    /// <summary>The body of <c>POST /api/workflow-instances/{id}/retry</c> (optional): why, and variables to set first.</summary>
    public sealed record RetryBody(string? Reason, JsonNode? Variables);

    /// <summary>The body of <c>POST /api/workflow-instances/{id}/skip</c>: the faulted activity (optional check), the port to go on from, why.</summary>
    public sealed record SkipBody(string? ActivityId, string? Outcome, string? Reason);
}

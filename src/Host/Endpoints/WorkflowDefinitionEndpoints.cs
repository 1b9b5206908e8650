using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Import, list, read and publish definitions in Elsa 3 JSON (NDRC planners; the store refuses others with 403).</summary>
public static class WorkflowDefinitionEndpoints
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapWorkflowDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflow-definitions").WithTags("Workflow definitions").RequireAuthorization();
        group.MapGet("/", ListDefinitions).WithName(nameof(ListDefinitions))
            .WithSummary("List workflow definitions with their latest and published versions")
            .WithDescription("A page of definitions (`page`, `pageSize`), for NDRC planners only. Changes nothing.");
        group.MapPost("/", ImportDefinition).WithName(nameof(ImportDefinition)).WithSummary("Import a workflow definition (Elsa 3 JSON)")
            .Accepts<JsonObject>("application/json")
            .ProducesValidationProblem();
        group.MapGet("/{definitionId}", GetDefinition).WithName(nameof(GetDefinition))
            .WithSummary("Read a workflow definition in Elsa 3 JSON")
            .WithDescription("The latest version, or `?version=n`. NDRC planners only; 404 for no such definition or version. Changes nothing.");
        group.MapPost("/{definitionId}/publish", PublishDefinition).WithName(nameof(PublishDefinition)).ProducesValidationProblem()
            .WithSummary("Publish the latest version of a workflow definition")
            .WithDescription("NDRC planners only. New instances start on the published version; running ones stay on theirs. Publishing a published latest version changes nothing. 400 lists every problem of a draft (`errors` by activity, and `problems`); 404 for no such definition.");
        return app;
    }

    public static async Task<Ok<Page<DefinitionSummary>>> ListDefinitions(WorkflowDefinitionStore store, ClaimsPrincipal user, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await store.ListAsync(CallerClaims.ToCaller(user), number, size, cancellationToken));
    }

    /// <summary>
    /// Takes the raw body so malformed JSON is reported with its line and position. Bytes that are not UTF-8 are a 400
    /// naming the body: replacing them would store text the client never sent.
    /// </summary>
    public static async Task<Created<JsonObject>> ImportDefinition(WorkflowDefinitionStore store, ClaimsPrincipal user, HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, StrictUtf8);
        string json;
        try
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException e)
        {
            throw RequestValidationException.For("body", $"the body is not valid UTF-8: {e.Message}");
        }

        var definition = await store.ImportAsync(CallerClaims.ToCaller(user), json, "request body", cancellationToken);
        return TypedResults.Created($"/api/workflow-definitions/{definition.DefinitionId}?version={definition.Version}", WorkflowDefinitionJson.ToJson(definition));
    }

    public static async Task<Ok<JsonObject>> GetDefinition(WorkflowDefinitionStore store, ClaimsPrincipal user, string definitionId, int? version, CancellationToken cancellationToken)
    {
        var definition = await store.GetAsync(CallerClaims.ToCaller(user), definitionId, version, cancellationToken);
        return TypedResults.Ok(WorkflowDefinitionJson.ToJson(definition));
    }

    public static async Task<Ok<JsonObject>> PublishDefinition(WorkflowDefinitionStore store, ClaimsPrincipal user, string definitionId, CancellationToken cancellationToken)
    {
        var definition = await store.PublishAsync(CallerClaims.ToCaller(user), definitionId, cancellationToken);
        return TypedResults.Ok(WorkflowDefinitionJson.ToJson(definition));
    }
}

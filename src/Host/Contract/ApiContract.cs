using Microsoft.AspNetCore.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the <c>/api</c> routes only (health, metrics and pages are not the
/// integration contract), with who may call each operation, its error answers, the <c>Idempotency-Key</c> header and
/// examples derived in one place each from the endpoints' metadata (docs/decisions/034). <c>src/Client/openapi.json</c>
/// is its committed copy; <c>OpenApiContractTests</c> keeps the two equal and the document lint-clean.
/// </summary>
public static class ApiContract
{
    public static IServiceCollection AddApiContract(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;

            // Free-form JSON (workflow inputs, task data, Elsa definitions) is described in place, not as components
            // named JsonNode/JsonObject: a generated client then offers untyped JSON there, not a model without properties.
            o.CreateSchemaReferenceId = type => type.Type.Namespace == typeof(System.Text.Json.Nodes.JsonNode).Namespace
                ? null
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            o.AddDocumentTransformer<ContractDocument>();
            o.AddOperationTransformer<OperationTexts>();
            o.AddOperationTransformer<CallerSchemes>();
            o.AddOperationTransformer<ErrorAnswers>();
            o.AddOperationTransformer<IdempotencyHeader>();
            o.AddOperationTransformer<BodyExamples>();
        });

    /// <summary>Declares a route open to agency systems' API keys (see <see cref="AgencySystems"/>).</summary>
    public static TBuilder OpenToAgencySystems<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AgencySystems.Welcome);
}

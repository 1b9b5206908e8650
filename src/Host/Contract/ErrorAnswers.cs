using AiPlusTasks.Host.Idempotency;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// The ProblemDetails answers every operation of a kind can give, added where the endpoint does not declare them
/// itself (<c>ProducesProblem</c> stays the way to declare the answers only its service gives, such as 409 or 410):
/// 400 with field errors when a parameter or body may fail to bind or validate; 401 where a caller must sign in; 403
/// where agency systems are refused (their API key gets 403); 404 when the path names a thing, which may not exist or
/// be another agency's; and a <c>default</c> answer for whatever else may happen (429 when rate limited, 503 while the
/// server starts, 500), so a generated client reads every refusal as a ProblemDetails, declared or not. The
/// <see cref="IdempotencyHeader"/> adds the answers of a keyed write.
/// </summary>
internal sealed class ErrorAnswers : IOpenApiOperationTransformer
{
    /// <summary>The media type of every error answer.</summary>
    public const string ProblemJson = "application/problem+json";

    /// <summary>The shared schema of an error answer.</summary>
    public const string ProblemSchema = "ProblemDetails";

    /// <summary>The key of the answer for every status the operation does not list.</summary>
    private const string AnyOtherAnswer = "default";

    /// <summary>The shared schema of a 400, with <c>errors</c> by field.</summary>
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var responses = operation.Responses ??= [];
        if (operation.RequestBody is not null || operation.Parameters?.Any(MayFailToBind) == true)
        {
            Add(responses, StatusCodes.Status400BadRequest, "A parameter or the body is invalid; `errors` names each field with its messages.", ValidationProblemSchema, document);
        }

        if (!CallerSchemes.IsAnonymous(metadata))
        {
            Add(responses, StatusCodes.Status401Unauthorized, "No credentials, or they are expired, revoked or unknown.", ProblemSchema, document);
            if (!metadata.OfType<AgencySystems>().Any())
            {
                Add(responses, StatusCodes.Status403Forbidden, "The caller may not do this (an agency system's API key never may).", ProblemSchema, document);
            }
        }

        if (operation.Parameters?.Any(p => p.In == ParameterLocation.Path) == true)
        {
            Add(responses, StatusCodes.Status404NotFound, "No such thing, or it is another agency's (the same answer for both).", ProblemSchema, document);
        }

        responses[AnyOtherAnswer] = Answer("Any other error: 429 when rate limited (see `Retry-After`), 503 while the server starts, 500.", ProblemSchema, document);
        return Task.CompletedTask;
    }

    /// <summary>Adds an error answer unless the endpoint declared that status itself; then it gets the shared schema and a description.</summary>
    public static void Add(OpenApiResponses responses, int status, string description, string schema, OpenApiDocument? document)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var declared = responses.TryGetValue(key, out var existing) && existing.Description is { Length: > 0 } text && text != ReasonPhrase(status)
            ? text
            : description;
        responses[key] = Answer(declared, schema, document);
    }

    private static OpenApiResponse Answer(string description, string schema, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) },
        },
    };

    /// <summary>Any parameter but a plain string may fail to bind (a number, a date, an enum, a flag).</summary>
    private static bool MayFailToBind(IOpenApiParameter parameter) => (parameter.Schema?.Type & ~JsonSchemaType.Null) != JsonSchemaType.String;

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}

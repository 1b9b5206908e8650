using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Host.Idempotency;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// The <c>Idempotency-Key</c> header on every signed-in write <see cref="IdempotencyMiddleware"/> keys (every POST, PUT,
/// PATCH and DELETE under <c>/api</c> without an <see cref="IdempotencyExemption"/>), with the answers a key gives: a
/// replay marked <c>Idempotent-Replayed: true</c>, 409 while the first request runs, 422 for the key reused with
/// another request, 400 for a malformed or (from an agency system) missing key. An exempt write says why it refuses one.
/// </summary>
internal sealed class IdempotencyHeader : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (!IdempotencyMiddleware.IsWrite(description.HttpMethod ?? "") || CallerSchemes.IsAnonymous(metadata))
        {
            return Task.CompletedTask;
        }

        if (metadata.OfType<IdempotencyExemption>().FirstOrDefault() is { } exemption)
        {
            operation.Description = Join(operation.Description, $"Refuses an `{IdempotencyStore.HeaderName}` header (400): {exemption.Reason}.");
            return Task.CompletedTask;
        }

        var systems = metadata.OfType<AgencySystems>().Any();
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyStore.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = $"A key of your choice, unique per intended change (e.g. a UUID), 1–{IdempotencyStore.MaxKeyLength} printable ASCII characters. " +
                "A retry with the same key, method, path and body within 24 hours runs nothing and gets the first answer again, marked " +
                $"`{IdempotencyMiddleware.ReplayedHeader}: true` (answers of 500 and above are not kept, so such a retry runs again)." +
                (systems ? " Required for agency systems (API keys): a write without it is a 400 naming the header." : ""),
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyStore.MaxKeyLength },
            Example = "4f9c2a1e-7d3b-4c55-9a0e-2b6f1d8c3e71",
        });

        var document = context.Document;
        var responses = operation.Responses ??= [];
        ErrorAnswers.Add(responses, StatusCodes.Status400BadRequest, "A parameter, the body or the `Idempotency-Key` is invalid; `errors` names each field with its messages.", ErrorAnswers.ValidationProblemSchema, document);
        ErrorAnswers.Add(responses, StatusCodes.Status409Conflict, "The request conflicts with the thing's state, or a request with this `Idempotency-Key` is still running: retry after it finished.", ErrorAnswers.ProblemSchema, document);
        ErrorAnswers.Add(responses, StatusCodes.Status422UnprocessableEntity, "This `Idempotency-Key` was first used for another method, path or body.", ErrorAnswers.ProblemSchema, document);
        foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('2')))
        {
            if (response is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>();
                success.Headers[IdempotencyMiddleware.ReplayedHeader] = new OpenApiHeader
                {
                    Description = "`true` when this is the stored answer to an earlier request with the same `Idempotency-Key`.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["true"] },
                };
            }
        }

        return Task.CompletedTask;
    }

    private static string Join(string? text, string more) => string.IsNullOrEmpty(text) ? more : $"{text}\n\n{more}";
}

using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// Puts each text in its place: the summary is the endpoint's one-line <c>WithSummary</c>, the description the
/// handler's XML <c>&lt;summary&gt;</c> (the details: who may call, what it changes, its errors) followed by any
/// <c>WithDescription</c>. Microsoft.AspNetCore.OpenApi writes the handler's XML summary over <c>WithSummary</c> and
/// leaves XML entities (<c>&amp;amp;</c>) encoded; this transformer runs after it.
/// </summary>
internal sealed class OperationTexts : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var summary = metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
        var description = metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description;
        var handlerText = summary is not null && operation.Summary != summary ? operation.Summary : null;
        operation.Summary = Decoded(summary ?? operation.Summary);
        operation.Description = Decoded(string.Join("\n\n", new[] { handlerText, description }.Where(t => !string.IsNullOrWhiteSpace(t))));
        return Task.CompletedTask;
    }

    private static string? Decoded(string? text) => string.IsNullOrEmpty(text) ? null : WebUtility.HtmlDecode(text);
}

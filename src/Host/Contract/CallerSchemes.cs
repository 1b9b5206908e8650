using AiPlusTasks.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// Which credentials each operation accepts, from its metadata: none for an anonymous route (<c>security: []</c>);
/// otherwise the bearer token, the API key where the route is <see cref="AgencySystems.Welcome">open to agency
/// systems</see>, and for reads the web UI's sign-in cookie (<see cref="Authentication"/> takes it for GET under
/// <c>/api</c> so pages' links work).
/// </summary>
internal sealed class CallerSchemes : IOpenApiOperationTransformer
{
    /// <summary>The bearer token of <c>POST /api/auth/token</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>An agency system's API key in <c>X-Api-Key</c>.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>The web UI's sign-in cookie.</summary>
    public const string Cookie = "cookie";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Security = [.. Schemes(metadata, context.Description.HttpMethod).Select(scheme => Requirement(scheme, context.Document))];
        return Task.CompletedTask;
    }

    /// <summary>The schemes a route accepts, each enough on its own; none for an anonymous route.</summary>
    public static IEnumerable<string> Schemes(IList<object> metadata, string? httpMethod)
    {
        if (IsAnonymous(metadata))
        {
            yield break;
        }

        yield return Bearer;
        if (metadata.OfType<AgencySystems>().Any())
        {
            yield return ApiKey;
        }

        if (HttpMethods.IsGet(httpMethod ?? ""))
        {
            yield return Cookie;
        }
    }

    /// <summary>A route anyone may call: <c>AllowAnonymous</c>, or no authorization asked at all.</summary>
    public static bool IsAnonymous(IList<object> metadata) =>
        metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}

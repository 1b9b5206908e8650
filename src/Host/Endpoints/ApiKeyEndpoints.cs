using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.ApiKeys;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Idempotency;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Agency systems' API keys: agency leads manage their own agency's, NDRC planners and supervisors every agency's.
/// A key is shown once, in the answer to its creation; lists show its prefix only.
/// </summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/api-keys").WithTags("API keys").RequireAuthorization();
        group.MapGet("/", ListApiKeys).WithName(nameof(ListApiKeys)).WithSummary("List API keys").ProducesValidationProblem();
        group.MapPost("/", CreateApiKey).WithName(nameof(CreateApiKey)).WithSummary("Create an API key for an agency system").ProducesValidationProblem()
            .WithoutIdempotencyKey("the answer holds the new key, which is never stored, so it cannot be replayed: send the request without Idempotency-Key and revoke a key you did not receive");
        group.MapDelete("/{id}", RevokeApiKey).WithName(nameof(RevokeApiKey)).WithSummary("Revoke an API key");
        return app;
    }

    /// <summary>The keys the caller may see, newest first (a lead: the own agency's; NDRC: all, or <c>?agency=</c>); 403 for others.</summary>
    public static async Task<Ok<Page<ApiKeyView>>> ListApiKeys(ApiKeyService keys, ClaimsPrincipal user, string? agency, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await keys.ListAsync(CallerClaims.ToCaller(user), agency, number, size, cancellationToken));
    }

    /// <summary>201 with the key (<c>key</c>, shown this once) and its description (<c>apiKey</c>); 403 unless a lead of the agency or NDRC staff.</summary>
    public static async Task<Created<IssuedApiKey>> CreateApiKey(ApiKeyService keys, ClaimsPrincipal user, CreateApiKeyBody body, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, await keys.CreateAsync(CallerClaims.ToCaller(user), body.Agency, body.Name, cancellationToken));

    /// <summary>200 with the revoked key; requests with it get 401 from now on. Revoking twice changes nothing.</summary>
    public static async Task<Ok<ApiKeyView>> RevokeApiKey(ApiKeyService keys, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await keys.RevokeAsync(CallerClaims.ToCaller(user), id, cancellationToken));

    /// <summary>The body of <c>POST /api/api-keys</c>: the system's name and its agency (default: the caller's).</summary>
    public sealed record CreateApiKeyBody(string? Name, string? Agency);
}

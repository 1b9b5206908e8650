using System.Text.Encodings.Web;
using AiPlusTasks.Engine.ApiKeys;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Authenticates agency systems by the <c>X-Api-Key</c> header (the <c>api-or-ui</c> scheme forwards here when an
/// <c>/api</c> request carries it). The principal is <c>system:&lt;key name&gt;</c> of the key's agency with the role
/// <c>agency-system</c>. An unknown, malformed or revoked key is a 401 ProblemDetails.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys,
    IProblemDetailsService problemDetails) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The request header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return AuthenticateResult.Fail($"send one {HeaderName}");
        }

        var caller = await keys.AuthenticateAsync(values[0]!, Context.RequestAborted);
        return caller is null
            ? AuthenticateResult.Fail("unknown or revoked API key")
            : AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.ToPrincipal(caller, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = $"The {HeaderName} is unknown, malformed or revoked.",
            },
        });
    }
}

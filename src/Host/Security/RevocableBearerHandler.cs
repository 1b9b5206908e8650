using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The API's bearer scheme: the token is read and its expiry checked by ASP.NET Core's bearer token scheme, then its
/// session is checked against the user (<see cref="SessionValidator"/>), so a token of a signed-out, disabled or
/// re-passworded user stops working within the validation interval instead of at its expiry. Challenges are the bearer
/// scheme's (401 with <c>WWW-Authenticate: Bearer</c>).
/// </summary>
internal sealed class RevocableBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionValidator sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var result = await Context.AuthenticateAsync(BearerTokenDefaults.AuthenticationScheme);
        if (!result.Succeeded)
        {
            return result;
        }

        return await sessions.IsCurrentAsync(result.Principal, Context.RequestServices)
            ? AuthenticateResult.Success(new AuthenticationTicket(result.Principal, result.Properties, Scheme.Name))
            : AuthenticateResult.Fail("the session of this token was ended (signed out, password changed or user disabled)");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(BearerTokenDefaults.AuthenticationScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(BearerTokenDefaults.AuthenticationScheme, properties);
}

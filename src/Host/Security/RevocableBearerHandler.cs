using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The API's bearer scheme: the token is read and its expiry checked by ASP.NET Core's bearer token scheme (once per
/// token on this node: <see cref="BearerTicketCache"/>), then its session is checked against the user on every request
/// (<see cref="SessionValidator"/>), so a token of a signed-out, disabled or re-passworded user stops working within the
/// validation interval instead of at its expiry. Challenges are the bearer scheme's (401 with <c>WWW-Authenticate: Bearer</c>).
/// </summary>
internal sealed class RevocableBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    BearerTicketCache tickets,
    SessionValidator sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // The header as the bearer scheme reads it; anything else goes to the scheme as it is.
        var authorization = Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith(BearerPrefix, StringComparison.Ordinal) ? authorization[BearerPrefix.Length..] : null;
        var ticket = token is null ? null : tickets.Find(token);
        if (ticket is null)
        {
            var result = await Context.AuthenticateAsync(BearerTokenDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                return result;
            }

            ticket = result.Ticket;
            if (token is not null)
            {
                tickets.Add(token, ticket);
            }
        }

        return await sessions.IsCurrentAsync(ticket.Principal, Context.RequestServices)
            ? AuthenticateResult.Success(new AuthenticationTicket(ticket.Principal, ticket.Properties, Scheme.Name))
            : AuthenticateResult.Fail("the session of this token was ended (signed out, password changed or user disabled)");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Context.ChallengeAsync(BearerTokenDefaults.AuthenticationScheme, properties);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Context.ForbidAsync(BearerTokenDefaults.AuthenticationScheme, properties);
}

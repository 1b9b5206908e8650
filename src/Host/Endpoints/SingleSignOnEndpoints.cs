using AiPlusTasks.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// The start of a sign-in through a unified identity platform: the sign-in page's platform button posts here (with an
/// antiforgery token) and the browser is sent to the platform. The platform's answer comes back to the provider's
/// callback path, which its OpenID Connect scheme handles (<see cref="SingleSignOn"/>). Limited per address like the
/// other sign-in routes.
/// </summary>
public static class SingleSignOnEndpoints
{
    public static IEndpointRouteBuilder MapSingleSignOnEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/external/{provider}", Challenge).AllowAnonymous().RequireRateLimiting(SignInRateLimiting.Policy).ExcludeFromDescription();
        return app;
    }

    /// <summary>A challenge of the provider's scheme (a redirect to the platform); 404 for a provider that is not configured.</summary>
    private static IResult Challenge(string provider, [FromForm] string? returnUrl, IOptions<SingleSignOnOptions> options) =>
        options.Value.Providers.Any(p => p.Name == provider)
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnUrls.LocalOrHome(returnUrl) }, [SingleSignOn.SchemeOf(provider)])
            : Results.NotFound();
}

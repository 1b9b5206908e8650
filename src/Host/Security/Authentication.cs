using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Bearer tokens for the API (<c>POST /api/auth/token</c>), API keys for agency systems (<c>X-Api-Key</c>) and a
/// sign-in cookie for the web UI (<c>/signin</c>): a policy scheme picks, under <c>/api</c>, the API key scheme when the
/// request carries <c>X-Api-Key</c> and the bearer scheme otherwise (so an API call without credentials gets 401, never
/// a redirect), and the cookie everywhere else; a read under <c>/api</c> carrying only the sign-in cookie is the UI's
/// (evidence downloads; see SelectScheme). Every <c>/api</c> route but the token route and every page but sign-in need a
/// signed-in caller; what that caller may see and do, the services decide (docs/decisions/014).
/// </summary>
public static class Authentication
{
    /// <summary>The scheme that forwards to the API key, bearer or cookie scheme by path and header.</summary>
    public const string ApiOrUiScheme = "api-or-ui";

    /// <summary>The scheme of agency systems' API keys (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string ApiKeyScheme = "api-key";

    public static IServiceCollection AddAiPlusTasksAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiOrUiScheme)
            .AddPolicyScheme(ApiOrUiScheme, null, o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddSingleSignOn();
        services.AddAuthorizationBuilder()
            // Only for showing links and buttons: the rule is the Caller's, and the services apply it (docs/decisions/014).
            .AddPolicy(AccessPolicies.Ndrc, p => p.RequireAssertion(c => c.User.Identity?.IsAuthenticated == true && CallerClaims.ToCaller(c.User).SeesAllAgencies))
            .AddPolicy(AccessPolicies.NdrcPlanner, p => p.RequireAssertion(c => c.User.Identity?.IsAuthenticated == true && CallerClaims.ToCaller(c.User).IsNdrcPlanner));
        return services;
    }

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "aiplustasks";

    /// <summary>
    /// Under <c>/api</c>: the API key, else the bearer token; a read (GET/HEAD) that carries neither but the UI's sign-in
    /// cookie is the signed-in user's, so a page's links (an evidence download) work. Writes never take the cookie, so a
    /// cross-site form cannot act through it. Elsewhere: the cookie.
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api"))
        {
            return CookieAuthenticationDefaults.AuthenticationScheme;
        }

        if (request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName))
        {
            return ApiKeyScheme;
        }

        return (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && !request.Headers.ContainsKey("Authorization") && request.Cookies.ContainsKey(CookieName)
                ? CookieAuthenticationDefaults.AuthenticationScheme
                : BearerTokenDefaults.AuthenticationScheme;
    }
}

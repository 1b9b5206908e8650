using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Bearer tokens for the API (<c>POST /api/auth/token</c>), API keys for agency systems (<c>X-Api-Key</c>) and a
/// sign-in cookie for the web UI (<c>/signin</c>): a policy scheme picks, under <c>/api</c>, the API key scheme when the
/// request carries <c>X-Api-Key</c> and the bearer scheme otherwise (so an API call without credentials gets 401, never
/// a redirect), and the cookie everywhere else. Policies: every <c>/api</c> route but the token route needs a signed-in
/// caller; the engine routes need NDRC planners or supervisors.
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
                o.Cookie.Name = "aiplustasks";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Ndrc, p => p.RequireClaim(CallerClaims.AgencyClaim, "ndrc").RequireRole(Roles.NdrcPlanner, Roles.NdrcSupervisor))
            .AddPolicy(AccessPolicies.NdrcPlanner, p => p.RequireClaim(CallerClaims.AgencyClaim, "ndrc").RequireRole(Roles.NdrcPlanner));
        return services;
    }

    private static string SelectScheme(HttpContext context) => context.Request.Path.StartsWithSegments("/api")
        ? context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyScheme : BearerTokenDefaults.AuthenticationScheme
        : CookieAuthenticationDefaults.AuthenticationScheme;
}

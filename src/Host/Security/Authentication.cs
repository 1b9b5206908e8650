using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Account;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Bearer tokens for the API (<c>POST /api/auth/token</c>), API keys for agency systems (<c>X-Api-Key</c>) and a
/// sign-in cookie for the web UI (<c>/signin</c>): a policy scheme picks, under <c>/api</c>, the API key scheme when the
/// request carries <c>X-Api-Key</c> and the bearer scheme otherwise (so an API call without credentials gets 401, never
/// a redirect), and the cookie everywhere else; a read under <c>/api</c> carrying only the sign-in cookie is the UI's
/// (evidence downloads; see SelectScheme). Every <c>/api</c> route but the token route and every page but sign-in need a
/// signed-in caller; what that caller may see and do, the services decide (docs/decisions/014). Sessions are revocable:
/// the cookie and bearer tokens are checked against the user's security stamp (<see cref="SessionValidator"/>). A fourth
/// cookie (<see cref="PendingSignIn"/>) carries a sign-in between a correct password and its last step.
/// </summary>
public static class Authentication
{
    /// <summary>The scheme that forwards to the API key, bearer or cookie scheme by path and header.</summary>
    public const string ApiOrUiScheme = "api-or-ui";

    /// <summary>The scheme of agency systems' API keys (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string ApiKeyScheme = "api-key";

    /// <summary>
    /// The API's bearer scheme: ASP.NET Core's bearer tokens, checked against the user's session on use
    /// (<see cref="RevocableBearerHandler"/>).
    /// </summary>
    public const string RevocableBearerScheme = "api-bearer";

    /// <summary>
    /// Adds the schemes, Identity's sign-in manager with the directory's rules (<see cref="UserSignInManager"/>,
    /// <see cref="UserPrincipalFactory"/>, <see cref="TotpTokenProvider"/>), the <see cref="SignInService"/> and the
    /// sign-in rate limits (<see cref="SignInRateLimiting"/>; the app calls <c>UseRateLimiter</c>). Expects the engine's
    /// <c>AddIdentityCore</c>. Settings: <see cref="SignInOptions"/> (section <c>Security</c>).
    /// </summary>
    public static IServiceCollection AddAiPlusTasksAuthentication(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        new IdentityBuilder(typeof(UserRecord), services)
            .AddSignInManager<UserSignInManager>()
            .AddClaimsPrincipalFactory<UserPrincipalFactory>()
            .AddTokenProvider<TotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddScoped<SignInService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<BearerTicketCache>();
        services.AddSignInRateLimiting();

        services.AddAuthentication(ApiOrUiScheme)
            .AddPolicyScheme(ApiOrUiScheme, null, o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken()
            .AddScheme<AuthenticationSchemeOptions, RevocableBearerHandler>(RevocableBearerScheme, null)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddCookie(o =>
            {
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/forbidden";
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
            })
            .AddCookie(PendingSignIn.Scheme, o =>
            {
                o.LoginPath = "/signin";
                o.Cookie.Name = PendingSignIn.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.Path = "/account";
                o.SlidingExpiration = false;
            })
            .AddSingleSignOn();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInOptions>, SessionValidator>((o, signIn, sessions) =>
            {
                o.ExpireTimeSpan = signIn.Value.CookieLifetime;
                o.Events.OnValidatePrincipal = sessions.ValidateCookieAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(PendingSignIn.Scheme)
            .Configure<IOptions<SignInOptions>>((o, signIn) => o.ExpireTimeSpan = signIn.Value.PendingSignInLifetime);
        // Open pages' circuits are checked as often (SessionRevalidatingAuthenticationStateProvider in the web UI).
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SignInOptions>>((o, signIn) => o.ValidationInterval = signIn.Value.SessionValidationInterval);
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInOptions>>((o, signIn) =>
            {
                o.BearerTokenExpiration = signIn.Value.AccessTokenLifetime;
                o.RefreshTokenExpiration = signIn.Value.RefreshTokenLifetime;
            });
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
                : RevocableBearerScheme;
    }
}

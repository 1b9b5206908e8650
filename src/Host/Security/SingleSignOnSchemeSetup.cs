using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// The OpenID Connect options of each provider's scheme: code flow with PKCE, the answer in the query (a top-level
/// redirect, so the correlation and nonce cookies can be <c>SameSite=Lax</c>), the platform's claim names kept as they
/// are, and the events that map, link and sign in (<see cref="SingleSignOnCallback"/>).
/// </summary>
internal sealed class SingleSignOnSchemeSetup(IOptions<SingleSignOnOptions> sso, TimeProvider time) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        var provider = sso.Value.Providers.FirstOrDefault(p => SingleSignOn.SchemeOf(p.Name) == name);
        if (provider is null)
        {
            return;
        }

        options.TimeProvider = time;
        options.Authority = provider.Authority;
        options.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        options.ClientId = provider.ClientId;
        options.ClientSecret = string.IsNullOrEmpty(provider.ClientSecret) ? null : provider.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in provider.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }

        options.CallbackPath = SingleSignOn.CallbackPathOf(provider.Name);
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = provider.GetClaimsFromUserInfoEndpoint;
        if (provider.GetClaimsFromUserInfoEndpoint)
        {
            foreach (var claim in new[] { provider.AgencyClaim, provider.RoleClaim, provider.UserNameClaim, provider.DisplayNameClaim }.OfType<string>().Where(c => c.Length > 0).Distinct(StringComparer.Ordinal))
            {
                options.ClaimActions.MapJsonKey(claim, claim);
            }
        }

        // Sent back by a top-level redirect (response_mode=query), so Lax is enough; Secure whenever the site is on HTTPS.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events = new OpenIdConnectEvents
        {
            OnTicketReceived = SingleSignOnCallback.TicketReceivedAsync,
            OnRemoteFailure = SingleSignOnCallback.RemoteFailureAsync,
        };
    }
}

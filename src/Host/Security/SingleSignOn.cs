using AiPlusTasks.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Single sign-on through unified identity platforms (统一身份认证): one OpenID Connect scheme per configured provider
/// (<see cref="SingleSignOnOptions"/>), authorization-code flow with PKCE. The platform's answer comes back to
/// <c>/account/external/{provider}/callback</c>; its claims are mapped to an agency and roles
/// (<see cref="SingleSignOnClaimMap"/>), the local user linked to the platform's subject is found or provisioned
/// (<see cref="SingleSignOnSignIn"/>), and the user is signed in with the same cookie and principal as a password
/// sign-in. A user who cannot be mapped is sent to a plain refusal page. See docs/decisions/016-single-sign-on.md.
/// </summary>
public static class SingleSignOn
{
    /// <summary>The prefix of the providers' authentication schemes (<c>oidc-guangdong</c>).</summary>
    public const string SchemePrefix = "oidc-";

    /// <summary>The page that says why a platform user was not signed in.</summary>
    public const string RefusedPath = "/signin/external-refused";

    /// <summary>The authentication scheme of a provider.</summary>
    public static string SchemeOf(string provider) => SchemePrefix + provider;

    /// <summary>The route that starts a provider's sign-in (a form post with an antiforgery token).</summary>
    public static string ChallengePathOf(string provider) => $"/account/external/{provider}";

    /// <summary>The redirect URI to register at the platform, under this site's address.</summary>
    public static string CallbackPathOf(string provider) => $"/account/external/{provider}/callback";

    /// <summary>
    /// Adds the configured providers' schemes, the options (validated at start-up), the sign-in service and the list of
    /// platforms the sign-in page shows. Providers are read from configuration when the schemes are first needed, so
    /// configuration added by a test host counts.
    /// </summary>
    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SingleSignOnOptions>().BindConfiguration(SingleSignOnOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SingleSignOnOptions>, SingleSignOnOptionsValidator>());

        // What AddOpenIdConnect(scheme, …) does, once per configured provider: the scheme, the handler, its post-configuration.
        services.AddOptions<AuthenticationOptions>().Configure<IOptions<SingleSignOnOptions>>((authentication, sso) =>
        {
            foreach (var provider in sso.Value.Providers)
            {
                authentication.AddScheme(SchemeOf(provider.Name), scheme =>
                {
                    scheme.HandlerType = typeof(OpenIdConnectHandler);
                    scheme.DisplayName = provider.EnglishName;
                });
            }
        });
        services.TryAddTransient<OpenIdConnectHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, SingleSignOnSchemeSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());

        services.TryAddScoped<SingleSignOnSignIn>();
        services.TryAddSingleton(sp => new SingleSignOnPlatforms(
            [.. sp.GetRequiredService<IOptions<SingleSignOnOptions>>().Value.Providers.Select(p => new SingleSignOnPlatform(p.Name, p.ChineseName, p.EnglishName))]));
        return builder;
    }

    /// <summary>The refusal page's address for a provider and a reason.</summary>
    internal static string RefusedUrlOf(string provider, SingleSignOnRefusal reason) =>
        $"{RefusedPath}?reason={ReasonWord(reason)}&provider={Uri.EscapeDataString(provider)}";

    /// <summary>The reason's word in the refusal page's address and in the audit trail.</summary>
    internal static string ReasonWord(SingleSignOnRefusal reason) => reason switch
    {
        SingleSignOnRefusal.Agency => "agency",
        SingleSignOnRefusal.Role => "role",
        SingleSignOnRefusal.SecondFactor => "second-factor",
        SingleSignOnRefusal.NotProvisioned => "not-provisioned",
        SingleSignOnRefusal.Disabled => "disabled",
        _ => "failed",
    };
}

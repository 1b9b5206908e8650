namespace AiPlusTasks.Host.Security;

/// <summary>
/// One unified identity platform (an OpenID Connect provider) and how its users map to an agency and roles here. Its
/// users sign in with the authorization-code flow and PKCE; the platform is the source of truth for their agency and
/// roles, which are mapped again at every sign-in.
/// </summary>
public sealed class SingleSignOnProvider
{
    /// <summary>
    /// The provider's short name: lower-case letters, digits and <c>-</c> (e.g. <c>guangdong</c>). It names the
    /// authentication scheme (<c>oidc-&lt;name&gt;</c>), the sign-in route (<c>/account/external/&lt;name&gt;</c>), the
    /// redirect URI to register at the platform (<c>/account/external/&lt;name&gt;/callback</c>) and the external login
    /// of the local users it signs in. Required, unique; never change it once users have signed in.
    /// </summary>
    public string Name { get; set; } = "";

    /// <summary>The platform's name in Chinese, shown as “通过{name}登录” (e.g. <c>广东省统一身份认证</c>). Required.</summary>
    public string ChineseName { get; set; } = "";

    /// <summary>The platform's name in English, shown as “Sign in with {name}” (e.g. <c>Guangdong unified identity</c>). Required.</summary>
    public string EnglishName { get; set; } = "";

    /// <summary>The issuer's URL; its discovery document is read from <c>.well-known/openid-configuration</c> under it. Required.</summary>
    public string Authority { get; set; } = "";

    /// <summary>
    /// Refuse an authority that is not HTTPS. Default true; only a test or development platform on loopback may turn it off.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The client id registered at the platform. Required.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The client secret registered at the platform (keep it out of appsettings: an environment variable
    /// <c>Authentication__Oidc__Providers__0__ClientSecret</c> or a secret store). Empty for a public client.
    /// </summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The scopes asked for. Default <c>openid profile</c>; <c>openid</c> is always asked for.</summary>
    public IList<string> Scopes { get; } = [];

    /// <summary>Also read the user's claims from the platform's userinfo endpoint (for platforms whose ID tokens are thin). Default false.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    /// <summary>
    /// The agency of every user of this platform (a province's own platform: e.g. <c>guangdong</c>). Set this or
    /// <see cref="AgencyClaim"/> with <see cref="AgencyMap"/>, not both.
    /// </summary>
    public string? FixedAgency { get; set; }

    /// <summary>The claim that carries the user's organisation (e.g. <c>org_code</c>), mapped through <see cref="AgencyMap"/>.</summary>
    public string? AgencyClaim { get; set; }

    /// <summary>
    /// The claim's values and the agency code each stands for (e.g. <c>"440000": "guangdong"</c>). A user whose value is
    /// missing or not listed is refused; so is one whose values map to more than one agency.
    /// </summary>
    public IDictionary<string, string> AgencyMap { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The claim that carries the user's roles at the platform (e.g. <c>role</c>). Required.</summary>
    public string RoleClaim { get; set; } = "";

    /// <summary>
    /// The role claim's values and the role each gives here (e.g. <c>"staff": "agency-staff"</c>, <c>"lead": "agency-lead"</c>).
    /// A user with no listed value is refused; values not listed are ignored. Only <c>agency-staff</c> and
    /// <c>agency-lead</c> unless <see cref="AllowNdrcRoles"/>.
    /// </summary>
    public IDictionary<string, string> RoleMap { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The NDRC's own platform: its users may get NDRC roles (planner, supervisor, auditor, administrator). Only with
    /// <see cref="FixedAgency"/> <c>ndrc</c>. Default false: no province's or ministry's platform can make an NDRC user.
    /// </summary>
    public bool AllowNdrcRoles { get; set; }

    /// <summary>
    /// Create a local user the first time an unknown platform user signs in (just-in-time provisioning). Default false:
    /// only users already linked to this platform may sign in with it.
    /// </summary>
    public bool ProvisionUsers { get; set; }

    /// <summary>
    /// The claim whose value names a provisioned user (<c>&lt;agency&gt;.&lt;value&gt;</c>, when it is a plain login name of
    /// lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>). Default <c>preferred_username</c>; empty: names come from
    /// the subject (<c>&lt;agency&gt;.sso-&lt;10 hex digits&gt;</c>), as they do whenever the value does not fit or is taken.
    /// </summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>The claim with the person's name, kept as the user's display name at each sign-in. Default <c>name</c>.</summary>
    public string DisplayNameClaim { get; set; } = "name";

    /// <summary>
    /// The <c>amr</c> values (RFC 8176) that show the platform checked a second factor. A user whose roles here need two
    /// factors (<c>Security:TwoFactorRoles</c>) is refused unless the ID token's <c>amr</c> holds one of them. Default
    /// <c>mfa</c>, <c>otp</c>, <c>sms</c>, <c>hwk</c>, <c>sc</c>.
    /// </summary>
    public IList<string> SecondFactorMethods { get; } = [];

    /// <summary>
    /// The platform always checks a second factor but does not say so in <c>amr</c>: trust it. Default false.
    /// </summary>
    public bool AssumeSecondFactor { get; set; }

    /// <summary>The scopes asked for: <see cref="Scopes"/>, or <c>openid profile</c> when none are set; always with <c>openid</c>.</summary>
    internal IReadOnlyList<string> EffectiveScopes =>
        (Scopes.Count == 0 ? ["openid", "profile"] : Scopes.Prepend("openid")).Distinct(StringComparer.Ordinal).ToList();

    /// <summary><see cref="SecondFactorMethods"/>, or the defaults when none are set.</summary>
    internal IReadOnlyList<string> EffectiveSecondFactorMethods =>
        SecondFactorMethods.Count == 0 ? ["mfa", "otp", "sms", "hwk", "sc"] : [.. SecondFactorMethods];
}

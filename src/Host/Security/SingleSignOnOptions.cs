namespace AiPlusTasks.Host.Security;

/// <summary>
/// Single sign-on through the unified identity platforms (统一身份认证) of provinces and ministries, over OpenID Connect
/// (section <c>Authentication:Oidc</c>). Empty by default: no provider, no button on the sign-in page, no external scheme.
/// See docs/decisions/016-single-sign-on.md.
/// </summary>
public sealed class SingleSignOnOptions
{
    public const string SectionName = "Authentication:Oidc";

    /// <summary>The platforms staff may sign in with, one authentication scheme and one sign-in button each.</summary>
    public IList<SingleSignOnProvider> Providers { get; } = [];
}

namespace AiPlusTasks.Web;

/// <summary>
/// The platforms configured for single sign-on, in configuration order; the host registers it (a singleton) when it
/// configures its OpenID Connect providers. Without it the sign-in page shows no platform buttons.
/// </summary>
public sealed class SingleSignOnPlatforms(IReadOnlyList<SingleSignOnPlatform> all)
{
    /// <summary>Every configured platform.</summary>
    public IReadOnlyList<SingleSignOnPlatform> All { get; } = all;

    /// <summary>The platform of a provider name, or null.</summary>
    public SingleSignOnPlatform? Find(string? provider) => All.FirstOrDefault(p => p.Provider == provider);
}

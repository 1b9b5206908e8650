namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>The same Host with no proxy configured: forwarded headers are nobody's to send.</summary>
public sealed class UnproxiedHostFactory : ProxiedHostFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AllowedHosts"] = $"localhost;{SiteHost}",
    };
}

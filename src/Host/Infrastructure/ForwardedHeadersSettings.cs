using System.ComponentModel.DataAnnotations;
using System.Net;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the Host believes (section
/// <c>ForwardedHeaders</c>). Behind a TLS-terminating proxy this makes the request HTTPS, so cookies are marked
/// <c>Secure</c> and redirects stay on https. Default: none, and the headers are ignored from everyone (a client cannot
/// pretend to come over TLS or from another address). <c>X-Forwarded-Host</c> is never taken: the host is checked
/// against <c>AllowedHosts</c> as received.
/// </summary>
public sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of the proxies, e.g. <c>10.20.0.5</c> (environment: <c>ForwardedHeaders__KnownProxies__0</c>). Default none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.20.0.0/24</c>. Default none.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a chain are taken off <c>X-Forwarded-For</c>. Default 1.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Whether any proxy is configured, so the forwarded headers are read at all.</summary>
    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.20.0.0/24)", [nameof(KnownNetworks)]);
        }
    }
}

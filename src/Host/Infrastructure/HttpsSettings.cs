using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// HTTPS for a Host reached over TLS, directly or through a proxy named in <see cref="ForwardedHeadersSettings"/>
/// (section <c>Https</c>).
/// </summary>
public sealed class HttpsSettings
{
    public const string SectionName = "Https";

    /// <summary>
    /// Redirect plain-HTTP requests to HTTPS (308), send <c>Strict-Transport-Security</c> on HTTPS answers, and mark every
    /// cookie <c>Secure</c>. Default false (a Host on plain HTTP, e.g. for local use); turn it on in any deployment reached over TLS.
    /// </summary>
    public bool Enforce { get; set; }

    /// <summary>The HTTPS port redirects point to. Default 443.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 443;

    /// <summary>How long browsers keep to HTTPS after an answer (<c>max-age</c> of HSTS). Default 365 days.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "730.00:00:00")]
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Whether HSTS also covers subdomains (<c>includeSubDomains</c>). Default false: a site's neighbours may still be on HTTP.</summary>
    public bool HstsIncludeSubDomains { get; set; }
}

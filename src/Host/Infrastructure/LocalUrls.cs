namespace AiPlusTasks.Host.Infrastructure;

/// <summary>Where a form or link may send the browser back to (<c>returnUrl</c>): only a path on this site.</summary>
public static class LocalUrls
{
    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, else <paramref name="fallback"/>. Refused: empty, absolute
    /// or scheme-relative URLs (<c>//host</c>, <c>/\host</c>), and any control character — browsers drop tabs and line
    /// breaks from URLs, so <c>/&lt;tab&gt;/evil.example</c> would become <c>//evil.example</c>, and ASP.NET Core's
    /// local redirect refuses such a URL with an exception (a 500).
    /// </summary>
    public static string OrFallback(string? url, string fallback) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : fallback;
}

namespace AiPlusTasks.Host.Security;

/// <summary>Where a sign-in, a language switch or a single sign-on goes back to: only a path on this site.</summary>
internal static class ReturnUrls
{
    /// <summary>The inbox, where every signed-in person starts.</summary>
    public const string Home = "/inbox";

    /// <summary>The path itself when it is one of this site's (never another host, no control characters such as a tab), else <see cref="Home"/>.</summary>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : Home;
}

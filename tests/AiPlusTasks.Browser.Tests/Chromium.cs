using Microsoft.Playwright;

namespace AiPlusTasks.Browser.Tests;

/// <summary>
/// The Debian Chromium the tests drive (<c>apt-get install -y chromium</c>; Playwright's own browser download is not
/// used). A missing browser fails the tests unless <see cref="AllowMissingVariable"/> is <c>1</c> or <c>true</c>, so CI can
/// never pass by skipping them.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Set to <c>1</c> (or <c>true</c>) to skip the browser tests on a machine without Chromium.</summary>
    public const string AllowMissingVariable = "AIPLUSTASKS_BROWSER_TESTS_OPTIONAL";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    /// <summary>Why the browser tests are skipped, or null when they run (Chromium present, or skipping not allowed).</summary>
    public static string? SkipReason =>
        !IsInstalled && Environment.GetEnvironmentVariable(AllowMissingVariable) is "1" or "true"
            ? $"{ExecutablePath} is missing and {AllowMissingVariable} allows skipping: install it with `apt-get install -y chromium`"
            : null;

    /// <summary>Fails with what to do when Chromium is missing and skipping is not allowed.</summary>
    public static void EnsureInstalled()
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: install it with `apt-get update && apt-get install -y chromium`, or set {AllowMissingVariable}=1 to skip the browser tests.");
        }
    }

    public static BrowserTypeLaunchOptions LaunchOptions { get; } = new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        ],
    };
}

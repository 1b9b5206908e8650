using System.Diagnostics;
using System.Globalization;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// The HTTP load tool, <c>wrk</c> (https://github.com/wg/wrk; Debian/Ubuntu: <c>apt-get install -y wrk</c>), run as
/// <c>wrk -t&lt;threads&gt; -c&lt;connections&gt; -d&lt;seconds&gt;s --latency -H "Authorization: Bearer …" &lt;url&gt;</c>.
/// </summary>
internal static class Wrk
{
    private const string Executable = "wrk";

    /// <summary>The full path of <c>wrk</c> on the PATH.</summary>
    /// <exception cref="BenchmarkFailedException">wrk is not installed; the message says how to install it.</exception>
    public static string Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Executable))
            .FirstOrDefault(File.Exists)
        ?? throw new BenchmarkFailedException(
            "the HTTP scenarios drive the Host with wrk, which is not on the PATH. Install it: `sudo apt-get install -y wrk` " +
            "(Debian/Ubuntu), `brew install wrk` (macOS), or build https://github.com/wg/wrk; then check with `which wrk`.");

    /// <summary>Runs wrk to the end and parses its report.</summary>
    /// <exception cref="BenchmarkFailedException">wrk failed or its report could not be read.</exception>
    public static async Task<WrkReport> RunAsync(string wrk, Uri url, string token, int threads, int connections, TimeSpan duration)
    {
        var start = new ProcessStartInfo(wrk) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in Arguments(url, token, threads, connections, duration))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkFailedException($"could not start {wrk}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new BenchmarkFailedException($"wrk failed with exit code {process.ExitCode}: {await errors}{await output}");
        }

        return WrkReport.Parse(await output);
    }

    /// <summary>The command line, with the token elided, to print next to the figures.</summary>
    public static string CommandText(Uri url, int threads, int connections, TimeSpan duration) =>
        string.Join(' ', Arguments(url, "…", threads, connections, duration).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a).Prepend(Executable));

    private static IEnumerable<string> Arguments(Uri url, string token, int threads, int connections, TimeSpan duration) =>
    [
        $"-t{threads.ToString(CultureInfo.InvariantCulture)}",
        $"-c{connections.ToString(CultureInfo.InvariantCulture)}",
        $"-d{((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture)}s",
        "--latency",
        "-H",
        $"Authorization: Bearer {token}",
        url.ToString(),
    ];
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Bench.Http;

/// <summary>
/// What wrk reports with <c>--latency</c>: requests, requests/s, the latency distribution (50/75/90/99 %), responses
/// that were not 2xx or 3xx, and socket errors (connect, read, write, timeout — a timed-out request has no latency).
/// </summary>
internal sealed partial record WrkReport(
    long Requests,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P75Milliseconds,
    double P90Milliseconds,
    double P99Milliseconds,
    long Non2xxOr3xx,
    long SocketErrors,
    string Text)
{
    private static readonly string[] SocketErrorKinds = ["connect", "read", "write", "timeout"];

    /// <exception cref="BenchmarkFailedException">A line the report must have is missing.</exception>
    public static WrkReport Parse(string text)
    {
        var percentiles = LatencyLine().Matches(text).ToDictionary(m => m.Groups["p"].Value, m => Milliseconds(m.Groups["v"].Value, m.Groups["u"].Value), StringComparer.Ordinal);
        var socket = SocketErrorsLine().Match(text);
        return new WrkReport(
            long.Parse(Required(RequestsLine().Match(text), "requests in", text), CultureInfo.InvariantCulture),
            double.Parse(Required(RequestsPerSecondLine().Match(text), "Requests/sec", text), CultureInfo.InvariantCulture),
            Percentile(percentiles, "50", text),
            Percentile(percentiles, "75", text),
            Percentile(percentiles, "90", text),
            Percentile(percentiles, "99", text),
            Non2xxLine().Match(text) is { Success: true } non2xx ? long.Parse(non2xx.Groups["n"].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? SocketErrorKinds.Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture)) : 0,
            text);
    }

    private static string Required(Match match, string line, string text) =>
        match.Success ? match.Groups["n"].Value : throw new BenchmarkFailedException($"wrk's report has no '{line}' line:{Environment.NewLine}{text}");

    private static double Percentile(Dictionary<string, double> percentiles, string p, string text) =>
        percentiles.TryGetValue(p, out var value) ? value : throw new BenchmarkFailedException($"wrk's report has no {p}% latency:{Environment.NewLine}{text}");

    /// <summary>wrk prints latencies with the unit that fits: us, ms, s, m.</summary>
    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        _ => throw new BenchmarkFailedException($"wrk latency unit '{unit}' is unknown"),
    };

    [GeneratedRegex(@"^\s*(?<p>50|75|90|99)%\s+(?<v>[0-9.]+)(?<u>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^\s*(?<n>[0-9]+) requests in ", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+(?<n>[0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecondLine();

    [GeneratedRegex(@"^\s*Non-2xx or 3xx responses:\s+(?<n>[0-9]+)", RegexOptions.Multiline)]
    private static partial Regex Non2xxLine();

    [GeneratedRegex(@"Socket errors: connect (?<connect>[0-9]+), read (?<read>[0-9]+), write (?<write>[0-9]+), timeout (?<timeout>[0-9]+)")]
    private static partial Regex SocketErrorsLine();
}

using System.Globalization;

namespace AiPlusTasks.Host.Tests.Telemetry;

/// <summary>One scrape of the Prometheus text format: the samples of a metric, by their labels.</summary>
internal sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    public static async Task<PrometheusScrape> FetchAsync(HttpClient client) =>
        new(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));

    /// <summary>The samples of <paramref name="metric"/> (its exact name), each with its label text (<c>colour="red",…</c>).</summary>
    public IReadOnlyList<(string Labels, double Value)> Samples(string metric) =>
        [.. Text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal))
            .Select(line =>
            {
                var labels = line.IndexOf('{', StringComparison.Ordinal) is var open and >= 0 && open == metric.Length
                    ? line[(open + 1)..line.IndexOf('}', StringComparison.Ordinal)]
                    : "";
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                return (labels, double.Parse(value, CultureInfo.InvariantCulture));
            })];

    /// <summary>The sum of <paramref name="metric"/>'s samples whose labels contain <paramref name="label"/> (all when null).</summary>
    public double Sum(string metric, string? label = null) =>
        Samples(metric).Where(s => label is null || s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => s.Value);
}

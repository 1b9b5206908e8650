namespace AiPlusTasks.Bench.Http;

/// <summary>The median of a few measurements (the mean of the middle two for an even count).</summary>
internal static class Median
{
    public static double Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            throw new BenchmarkFailedException("no measurement to take the median of");
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

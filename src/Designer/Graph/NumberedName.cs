namespace AiPlusTasks.Designer.Graph;

/// <summary>Names for new things: a stem and the smallest number not in use (<c>delay1</c>, <c>Variable2</c>…).</summary>
internal static class NumberedName
{
    /// <summary><paramref name="stem"/> followed by the smallest number from 1 that makes a name not in <paramref name="taken"/>.</summary>
    public static string Next(string stem, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var n = 1;
        while (used.Contains(stem + n))
        {
            n++;
        }

        return stem + n;
    }
}

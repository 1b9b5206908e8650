using Cronos;

namespace AiPlusTasks.Designer.Editing;

/// <summary>Cron expressions as the engine reads them, and their next run times.</summary>
public static class CronSchedule
{
    /// <summary>
    /// Parses five-field cron, or six fields with seconds first; null when invalid. The same rule as the engine's
    /// <c>CronActivity.Parse</c> (internal to the engine); a test checks both agree through the validator.
    /// </summary>
    public static CronExpression? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(text, format, out var expression) ? expression : null;
    }

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="from"/>, in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(CronExpression expression, DateTimeOffset from, TimeZoneInfo zone, int count = 5)
    {
        var times = new List<DateTimeOffset>(count);
        var cursor = from;
        while (times.Count < count && expression.GetNextOccurrence(cursor, zone) is { } next)
        {
            times.Add(next);
            cursor = next;
        }

        return times;
    }
}

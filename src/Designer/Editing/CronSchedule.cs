using Cronos;

namespace AiPlusTasks.Designer.Editing;

/// <summary>The next run times of a cron expression (read with the engine's <c>CronExpressions.Parse</c>).</summary>
public static class CronSchedule
{
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

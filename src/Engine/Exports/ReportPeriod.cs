using System.Globalization;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Exports;

/// <summary>
/// The week (Monday to Sunday) or calendar month of a 周报/月报, as days in the engine's time zone (China time), and
/// the instants it runs between.
/// </summary>
/// <param name="IsMonth">A month (月报) rather than a week (周报).</param>
/// <param name="First">The first day.</param>
/// <param name="Last">The last day (inclusive).</param>
/// <param name="Start">The first day's 00:00 in the time zone, in UTC.</param>
/// <param name="End">The day after the last day's 00:00 in the time zone (exclusive), in UTC.</param>
public sealed record ReportPeriod(bool IsMonth, DateOnly First, DateOnly Last, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>
    /// The period of kind <paramref name="period"/> (<c>week</c>, the default, or <c>month</c>) holding
    /// <paramref name="date"/> (<c>yyyy-MM-dd</c>; default: today in <paramref name="zone"/>).
    /// </summary>
    /// <exception cref="RequestValidationException">Another kind (naming <c>period</c>) or a malformed date (naming <c>date</c>).</exception>
    public static ReportPeriod Parse(string? period, string? date, TimeZoneInfo zone, DateTimeOffset now)
    {
        var isMonth = string.IsNullOrEmpty(period) ? false
            : period == "week" ? false
            : period == "month" ? true
            : throw RequestValidationException.For("period", "period must be week or month");
        DateOnly day;
        if (string.IsNullOrEmpty(date))
        {
            day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            throw RequestValidationException.For("date", "date must be a day written yyyy-MM-dd");
        }

        var first = isMonth ? new DateOnly(day.Year, day.Month, 1) : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var next = isMonth ? first.AddMonths(1) : first.AddDays(7);
        return new ReportPeriod(isMonth, first, next.AddDays(-1), Midnight(first, zone), Midnight(next, zone));
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // In UTC: SQLite stores instants as UTC ticks, and a query's bound must be written the same way to compare.
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

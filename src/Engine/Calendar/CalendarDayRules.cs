namespace AiPlusTasks.Engine.Calendar;

/// <summary>
/// The rules every year's day list obeys, whether it comes from a year file or from an NDRC correction: each date is in
/// the year and listed once, and a make-up working day falls on a Saturday or Sunday.
/// </summary>
internal static class CalendarDayRules
{
    /// <summary>The first year a calendar may describe.</summary>
    public const int FirstYear = 2000;

    /// <summary>The last year a calendar may describe.</summary>
    public const int LastYear = 2100;

    /// <summary>The format of every date: <c>yyyy-MM-dd</c>.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Checks one day of <paramref name="year"/> listed at <paramref name="path"/> (e.g. <c>days[3]</c>), reporting each
    /// broken rule against <c>path.date</c> or <c>path.kind</c>.
    /// </summary>
    /// <param name="year">The year the list describes.</param>
    /// <param name="date">The day.</param>
    /// <param name="kind">Its kind, when it could be read.</param>
    /// <param name="path">Where it is listed.</param>
    /// <param name="seen">The dates checked so far and where they were listed; the day is added.</param>
    /// <param name="problem">Receives a field path and a message.</param>
    /// <param name="describe">Renders the path of an earlier listing for a message (a file adds its line).</param>
    public static void Check(int year, DateOnly date, CalendarDayKind? kind, string path, Dictionary<DateOnly, string> seen, Action<string, string> problem, Func<string, string> describe)
    {
        if (date.Year != year)
        {
            problem(path + ".date", $"{date:yyyy-MM-dd} is not in {year}");
        }

        if (!seen.TryAdd(date, path))
        {
            problem(path + ".date", $"{date:yyyy-MM-dd} is already listed at {describe(seen[date])}");
        }

        if (kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            problem(path + ".kind", $"{date:yyyy-MM-dd} is a {date.DayOfWeek}, a working day already; a make-up working day falls on a weekend");
        }
    }
}

using System.Globalization;

namespace AiPlusTasks.Engine.Planning;

/// <summary>A planning period: a calendar quarter in China Standard Time, written <c>2026-Q2</c>.</summary>
public readonly record struct Period(int Year, int Quarter) : IComparable<Period>
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}");

    public Period Next(int count = 1)
    {
        var index = (Year * 4) + Quarter - 1 + count;
        return new Period(index / 4, (index % 4) + 1);
    }

    /// <summary>The first instant of the quarter in <paramref name="timeZone"/>.</summary>
    public DateTimeOffset Start(TimeZoneInfo timeZone)
    {
        var local = new DateTime(Year, ((Quarter - 1) * 3) + 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }

    public int CompareTo(Period other) => ((Year * 4) + Quarter).CompareTo((other.Year * 4) + other.Quarter);

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <summary>The quarter containing an instant, in <paramref name="timeZone"/>.</summary>
    public static Period Containing(DateTimeOffset instant, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, timeZone);
        return new Period(local.Year, ((local.Month - 1) / 3) + 1);
    }

    /// <summary>Parses <c>2026-Q2</c>; null when the text is not a quarter.</summary>
    public static Period? TryParse(string? text)
    {
        if (text is { Length: 7 } && text[4] == '-' && text[5] == 'Q'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && text[6] is >= '1' and <= '4')
        {
            return new Period(year, text[6] - '0');
        }

        return null;
    }
}

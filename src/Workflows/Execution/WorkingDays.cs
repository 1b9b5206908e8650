namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// Which days are working days (工作日): Monday to Friday, except the official non-working days, plus the make-up
/// working days (调休上班) that fall on a weekend. Immutable: a change of the calendar makes a new instance. Years that
/// have no official data (<see cref="HasYear"/> is false) fall back to Monday–Friday.
/// </summary>
public sealed class WorkingDays
{
    private readonly HashSet<DateOnly> _nonWorking;
    private readonly HashSet<DateOnly> _makeUp;
    private readonly HashSet<int> _years;

    /// <param name="nonWorkingDays">Official non-working days (holidays and the weekend days of a holiday break).</param>
    /// <param name="makeUpWorkingDays">Weekend days that are working days (调休).</param>
    /// <param name="years">The years the data covers in full.</param>
    public WorkingDays(IEnumerable<DateOnly> nonWorkingDays, IEnumerable<DateOnly> makeUpWorkingDays, IEnumerable<int> years)
    {
        _nonWorking = [.. nonWorkingDays];
        _makeUp = [.. makeUpWorkingDays];
        _years = [.. years];
    }

    /// <summary>Monday to Friday, with no official data for any year.</summary>
    public static WorkingDays WeekdaysOnly { get; } = new([], [], []);

    /// <summary>Longest distance, in working days, the helpers below walk: about 40 years (a guard against nonsense input).</summary>
    public const int MaxDistance = 10_000;

    /// <summary>True when official data for <paramref name="year"/> is known (else it counts Monday–Friday).</summary>
    public bool HasYear(int year) => _years.Contains(year);

    /// <summary>True when <paramref name="date"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _makeUp.Contains(date) || (!_nonWorking.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary><paramref name="date"/> when it is a working day, else the next working day after it.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date)
    {
        var day = date;
        for (var i = 0; !IsWorkingDay(day); i++)
        {
            day = Step(day, 1, i);
        }

        return day;
    }

    /// <summary>
    /// The working day <paramref name="days"/> working days after <paramref name="from"/> (before it when negative);
    /// <paramref name="from"/> itself is not counted, so 1 is the next working day. Zero gives
    /// <see cref="OnOrNextWorkingDay(DateOnly)"/>. E.g. from 2026-09-28, 10 working days is 2026-10-16 (across National Day).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">|<paramref name="days"/>| is more than <see cref="MaxDistance"/>.</exception>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs((long)days), MaxDistance, nameof(days));
        if (days == 0)
        {
            return OnOrNextWorkingDay(from);
        }

        var direction = Math.Sign(days);
        var day = from;
        var steps = 0;
        for (var left = Math.Abs(days); left > 0; steps++)
        {
            day = Step(day, direction, steps);
            if (IsWorkingDay(day))
            {
                left--;
            }
        }

        return day;
    }

    /// <summary>The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -CountWorkingDays(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// <paramref name="at"/> moved by <paramref name="days"/> working days at the same local time of day in
    /// <paramref name="timeZone"/> (see <see cref="AddWorkingDays(DateOnly, int)"/>).
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset at, int days, TimeZoneInfo timeZone) =>
        AtLocalDate(at, AddWorkingDays(LocalDate(at, timeZone), days), timeZone);

    /// <summary><paramref name="at"/> when its local date is a working day, else the same local time on the next working day.</summary>
    public DateTimeOffset OnOrNextWorkingDay(DateTimeOffset at, TimeZoneInfo timeZone)
    {
        var date = LocalDate(at, timeZone);
        var working = OnOrNextWorkingDay(date);
        return working == date ? at : AtLocalDate(at, working, timeZone);
    }

    /// <summary>The date of <paramref name="at"/> in <paramref name="timeZone"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo timeZone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, timeZone).DateTime);

    /// <summary><paramref name="at"/>'s local time of day on another local date.</summary>
    private static DateTimeOffset AtLocalDate(DateTimeOffset at, DateOnly date, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(at, timeZone);
        var moved = date.ToDateTime(TimeOnly.FromDateTime(local.DateTime), DateTimeKind.Unspecified);
        return new DateTimeOffset(moved, timeZone.GetUtcOffset(moved)).ToUniversalTime();
    }

    private static DateOnly Step(DateOnly day, int direction, int steps) => steps < MaxDistance * 2
        ? day.AddDays(direction)
        : throw new InvalidOperationException("no working day within reach: the calendar marks every day as non-working");
}

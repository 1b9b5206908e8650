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

    /// <summary>
    /// The end of the <paramref name="days"/>th working day after the local date of <paramref name="issuedAt"/> (that date
    /// not counted; see <see cref="AddWorkingDays(DateOnly, int)"/>): 24:00 local time, i.e. the next local midnight, the way
    /// plan due dates are written. E.g. issued on Thursday 2026-02-12, 5 working days end with Thursday 2026-02-26
    /// (2026-02-26T16:00:00Z in China Standard Time): the make-up Saturday 02-14 counts, the Spring Festival does not.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">|<paramref name="days"/>| is more than <see cref="MaxDistance"/>.</exception>
    public DateTimeOffset EndOfWorkingDays(DateTimeOffset issuedAt, int days, TimeZoneInfo timeZone) =>
        AtDeadlineDay(AddWorkingDays(LocalDate(issuedAt, timeZone), days), TimeSpan.FromDays(1), timeZone);

    /// <summary>
    /// A deadline that falls on a non-working day moved to the same time on the next working day; a deadline on a working
    /// day as it is. A deadline at local midnight is the end of the day before (2026-10-01T00:00 China time is the end of
    /// 30 September, a working day, so it stays; the end of 1 October moves to the end of 8 October).
    /// </summary>
    public DateTimeOffset MoveOffNonWorkingDays(DateTimeOffset deadline, TimeZoneInfo timeZone)
    {
        var (day, time) = DeadlineDay(deadline, timeZone);
        var working = OnOrNextWorkingDay(day);
        return working == day ? deadline : AtDeadlineDay(working, time, timeZone);
    }

    /// <summary>
    /// <paramref name="deadline"/> moved by <paramref name="offset"/> counted as <paramref name="count"/> says. Calendar days:
    /// plain addition. Working days: the offset's whole days are working days from the deadline's day (a deadline at local
    /// midnight belongs to the day before), at the same time of day; its time part is then added as clock time. E.g. the
    /// end of Monday 2026-10-12 minus 3 working days is the end of Thursday 2026-10-08 (the make-up Saturday 10-10 counts;
    /// National Day does not), and −P3DT15H is 09:00 that Thursday.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset has more whole days than <see cref="MaxDistance"/>.</exception>
    public DateTimeOffset Shift(DateTimeOffset deadline, TimeSpan offset, DayCount count, TimeZoneInfo timeZone)
    {
        if (count == DayCount.Calendar || offset.Days == 0)
        {
            return deadline + offset;
        }

        var (day, time) = DeadlineDay(deadline, timeZone);
        var wholeDays = TimeSpan.FromDays(offset.Days);
        return AtDeadlineDay(AddWorkingDays(day, offset.Days), time, timeZone) + (offset - wholeDays);
    }

    /// <summary>The instant local <paramref name="date"/> begins (00:00) in <paramref name="timeZone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo timeZone) => AtDeadlineDay(date, TimeSpan.Zero, timeZone);

    /// <summary>The day a deadline belongs to and its time of day on it: local midnight is 24:00 of the day before.</summary>
    private static (DateOnly Day, TimeSpan Time) DeadlineDay(DateTimeOffset deadline, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(deadline, timeZone).DateTime;
        var date = DateOnly.FromDateTime(local);
        return local.TimeOfDay == TimeSpan.Zero ? (date.AddDays(-1), TimeSpan.FromDays(1)) : (date, local.TimeOfDay);
    }

    /// <summary>The instant of <paramref name="time"/> (up to 24:00) on local date <paramref name="day"/>.</summary>
    private static DateTimeOffset AtDeadlineDay(DateOnly day, TimeSpan time, TimeZoneInfo timeZone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + time;
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local)).ToUniversalTime();
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

using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Workflows.Execution;
using Quartz;
using Quartz.Impl.Calendar;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// A Quartz calendar that includes working days only (工作日, see <see cref="WorkingDays"/>): a trigger
/// <c>.WithCalendarName(WorkingCalendar.QuartzCalendarName)</c> (Quartz 4.7.3's name for 3.x's <c>ModifiedByCalendar</c>) skips weekends and official holidays and fires on
/// make-up working days (调休上班). Days are the local days of <see cref="BaseCalendar.TimeZone"/> (the engine's time zone,
/// <c>Engine:TimeZone</c>). Its data — the non-working and make-up dates — is plain state, so it is stored in Quartz's
/// clustered ADO store on PostgreSQL by <see cref="WorkingDayQuartzCalendarSerializer"/>; a change of the working calendar
/// registers a new one under the same name (<see cref="WorkingCalendarSchedulerSync"/>).
/// </summary>
public sealed class WorkingDayQuartzCalendar : BaseCalendar
{
    private WorkingDays _days = WorkingDays.WeekdaysOnly;

    /// <summary>Monday to Friday in UTC; <see cref="WorkingDayQuartzCalendarSerializer"/> fills it in.</summary>
    public WorkingDayQuartzCalendar()
        : base(TimeZoneInfo.Utc)
    {
    }

    /// <param name="nonWorkingDays">Official non-working days (holidays and the weekend days of a holiday break).</param>
    /// <param name="makeUpWorkingDays">Weekend days that are working days.</param>
    /// <param name="timeZone">The time zone whose local days are meant.</param>
    public WorkingDayQuartzCalendar(IEnumerable<DateOnly> nonWorkingDays, IEnumerable<DateOnly> makeUpWorkingDays, TimeZoneInfo timeZone)
        : base(timeZone)
    {
        SetDays(nonWorkingDays, makeUpWorkingDays);
    }

    /// <summary>The official non-working days, in date order.</summary>
    public IReadOnlyList<DateOnly> NonWorkingDays { get; private set; } = [];

    /// <summary>The make-up working days, in date order.</summary>
    public IReadOnlyList<DateOnly> MakeUpWorkingDays { get; private set; } = [];

    /// <summary>The calendar for the years in force of <paramref name="calendar"/>, in <paramref name="timeZone"/>.</summary>
    public static WorkingDayQuartzCalendar For(WorkingCalendar calendar, TimeZoneInfo timeZone)
    {
        var days = calendar.Years.SelectMany(y => y.Days).ToList();
        return new WorkingDayQuartzCalendar(
            days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
            days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date),
            timeZone)
        {
            Description = "工作日 / working days",
        };
    }

    /// <summary>Replaces the dates (used when the calendar is read back from the store).</summary>
    internal void SetDays(IEnumerable<DateOnly> nonWorkingDays, IEnumerable<DateOnly> makeUpWorkingDays)
    {
        NonWorkingDays = [.. nonWorkingDays.Distinct().Order()];
        MakeUpWorkingDays = [.. makeUpWorkingDays.Distinct().Order()];
        _days = new WorkingDays(NonWorkingDays, MakeUpWorkingDays, []);
    }

    /// <summary>True when the local day of <paramref name="timeStampUtc"/> is a working day (and a base calendar, if any, includes it).</summary>
    public override bool IsTimeIncluded(DateTimeOffset timeStampUtc) =>
        _days.IsWorkingDay(WorkingDays.LocalDate(timeStampUtc, TimeZone)) && base.IsTimeIncluded(timeStampUtc);

    /// <summary>
    /// <paramref name="timeUtc"/> when it is included, else the start (local midnight) of the next working day that a
    /// base calendar also includes.
    /// </summary>
    public override DateTimeOffset GetNextIncludedTimeUtc(DateTimeOffset timeUtc)
    {
        var candidate = timeUtc;
        // Each round moves to a later working day or returns; the bound only guards against a base calendar that excludes everything.
        for (var round = 0; round < WorkingDays.MaxDistance; round++)
        {
            var fromBase = base.GetNextIncludedTimeUtc(candidate);
            if (fromBase > candidate)
            {
                candidate = fromBase;
            }

            var date = WorkingDays.LocalDate(candidate, TimeZone);
            var working = _days.OnOrNextWorkingDay(date);
            if (working == date)
            {
                return candidate;
            }

            candidate = WorkingDays.StartOfDay(working, TimeZone);
        }

        return default;
    }

    /// <inheritdoc />
    public override ICalendar Clone()
    {
        var clone = new WorkingDayQuartzCalendar(NonWorkingDays, MakeUpWorkingDays, TimeZone);
        CloneFields(clone);
        return clone;
    }

    /// <summary>Same time zone, description, base calendar and dates.</summary>
    public override bool Equals(object? obj) =>
        obj is WorkingDayQuartzCalendar other
        && base.Equals(other)
        && NonWorkingDays.SequenceEqual(other.NonWorkingDays)
        && MakeUpWorkingDays.SequenceEqual(other.MakeUpWorkingDays);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), NonWorkingDays.Count, MakeUpWorkingDays.Count);
}

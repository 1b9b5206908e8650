using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>
/// The official working calendar (工作日历) in force: the year files of <c>workflows/calendar</c>, overridden year by year
/// by the corrections NDRC supervisors record. <see cref="Current"/> is an immutable snapshot; a change replaces it
/// whole, so a deadline is computed with one consistent set of rules, and deadlines computed before a change keep the
/// rules then in force.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>The name of the Quartz calendar (<c>WorkingDayQuartzCalendar</c>) that skips non-working days.</summary>
    public const string QuartzCalendarName = "working-days";

    private volatile Snapshot _snapshot;

    /// <param name="years">The years as the files give them.</param>
    public WorkingCalendar(IReadOnlyList<CalendarYear> years)
    {
        _snapshot = Build(years);
    }

    /// <summary>Monday to Friday only: no official year known.</summary>
    public static WorkingCalendar WeekdaysOnly() => new([]);

    /// <summary>The working days in force.</summary>
    public WorkingDays Current => _snapshot.Days;

    /// <summary>The years in force, in year order.</summary>
    public IReadOnlyList<CalendarYear> Years => _snapshot.Years;

    /// <summary>Raised after the years in force changed.</summary>
    public event Action? Changed;

    /// <summary>The year in force, or null when it has no official data (Monday–Friday then).</summary>
    public CalendarYear? Find(int year) => _snapshot.Years.FirstOrDefault(y => y.Year == year);

    /// <summary>Puts <paramref name="years"/> in force (all of them: a year not given has no official data afterwards).</summary>
    public void Replace(IReadOnlyList<CalendarYear> years)
    {
        _snapshot = Build(years);
        Changed?.Invoke();
    }

    private static Snapshot Build(IReadOnlyList<CalendarYear> years)
    {
        var ordered = years.OrderBy(y => y.Year).ToList();
        var days = ordered.SelectMany(y => y.Days).ToList();
        return new Snapshot(
            ordered,
            new WorkingDays(
                days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
                days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date),
                ordered.Select(y => y.Year)));
    }

    private sealed record Snapshot(IReadOnlyList<CalendarYear> Years, WorkingDays Days);
}

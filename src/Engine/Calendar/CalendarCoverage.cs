using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>Whether supervisors must be told that a year has no official holiday data (and counts Monday to Friday).</summary>
public sealed class CalendarCoverage(WorkingCalendar calendar, TimeProvider time, IOptions<EngineOptions> engine, IOptions<CalendarOptions> options)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(engine.Value.TimeZone);

    /// <summary>Today in the engine's time zone.</summary>
    public DateOnly Today => WorkingDays.LocalDate(time.GetUtcNow(), _timeZone);

    /// <summary>
    /// The year to warn about today: the current year when it has no official data; else the next year when it has none
    /// and today is on or after <see cref="CalendarOptions.WarnFrom"/>; else null.
    /// </summary>
    public int? MissingYear()
    {
        var today = Today;
        var days = calendar.Current;
        if (!days.HasYear(today.Year))
        {
            return today.Year;
        }

        return today >= options.Value.WarnFromIn(today.Year) && !days.HasYear(today.Year + 1) ? today.Year + 1 : null;
    }
}

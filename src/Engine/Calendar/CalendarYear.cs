namespace AiPlusTasks.Engine.Calendar;

/// <summary>One year of the official calendar: the days that differ from Monday–Friday, and where they come from.</summary>
/// <param name="Year">The year.</param>
/// <param name="Days">Its holidays and make-up working days, in date order.</param>
/// <param name="Notice">The official notice.</param>
public sealed record CalendarYear(int Year, IReadOnlyList<CalendarDay> Days, CalendarNotice Notice);

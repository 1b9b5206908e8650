namespace AiPlusTasks.Engine.Calendar;

/// <summary>A year of the working calendar as in force, and where it comes from.</summary>
/// <param name="Year">The year.</param>
/// <param name="HasOfficialData">False when the year has neither a file nor a correction and counts Monday to Friday.</param>
/// <param name="Source">The file, a correction, or nothing.</param>
/// <param name="Days">Every day that differs from Monday–Friday, in date order.</param>
/// <param name="Notice">The official notice the days follow, when named.</param>
/// <param name="Revision">The correction in force, when <paramref name="Source"/> is <see cref="CalendarSource.Revision"/>.</param>
public sealed record CalendarYearView(int Year, bool HasOfficialData, CalendarSource Source, IReadOnlyList<CalendarDay> Days, CalendarNotice? Notice, CalendarRevision? Revision);

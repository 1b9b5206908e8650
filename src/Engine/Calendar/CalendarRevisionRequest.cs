namespace AiPlusTasks.Engine.Calendar;

/// <summary>A correction of a year: its whole day list as it should be, the notice it follows and why.</summary>
/// <param name="Days">Every holiday and make-up working day of the year (an empty list leaves only weekends).</param>
/// <param name="Notice">The official notice; optional (a correction ahead of the notice names none).</param>
/// <param name="Reason">Why the year is corrected; required.</param>
public sealed record CalendarRevisionRequest(IReadOnlyList<CalendarDayInput>? Days, CalendarNoticeInput? Notice, string? Reason);

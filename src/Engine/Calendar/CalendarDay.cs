namespace AiPlusTasks.Engine.Calendar;

/// <summary>A day the official calendar changes from the Monday–Friday rule.</summary>
/// <param name="Date">The day.</param>
/// <param name="Kind">A holiday, or a make-up working day.</param>
/// <param name="NameZh">The holiday it belongs to, in Chinese (e.g. 春节).</param>
/// <param name="NameEn">The same in English (e.g. Spring Festival).</param>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string NameZh, string NameEn);

namespace AiPlusTasks.Engine.Calendar;

/// <summary>One day of a correction as sent: text, so every mistake is reported against its field.</summary>
/// <param name="Date">An ISO date, <c>2027-02-06</c>.</param>
/// <param name="Kind"><c>holiday</c> or <c>makeUpWorkday</c>.</param>
/// <param name="NameZh">The holiday's name in Chinese (春节).</param>
/// <param name="NameEn">The same in English (Spring Festival).</param>
public sealed record CalendarDayInput(string? Date, string? Kind, string? NameZh, string? NameEn);

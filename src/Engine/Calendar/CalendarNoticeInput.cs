namespace AiPlusTasks.Engine.Calendar;

/// <summary>The official notice a correction follows, as sent.</summary>
/// <param name="Title">Its title (国务院办公厅关于2027年部分节假日安排的通知).</param>
/// <param name="Number">Its document number, when known.</param>
/// <param name="Published">The day it was issued, an ISO date.</param>
/// <param name="Url">Where it was published.</param>
public sealed record CalendarNoticeInput(string? Title, string? Number, string? Published, string? Url);

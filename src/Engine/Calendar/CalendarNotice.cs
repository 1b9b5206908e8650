namespace AiPlusTasks.Engine.Calendar;

/// <summary>The official notice a year's calendar comes from (国务院办公厅关于…年部分节假日安排的通知).</summary>
/// <param name="Title">The notice's title.</param>
/// <param name="Number">Its document number (e.g. 国办发明电〔2024〕12号), when known.</param>
/// <param name="Published">The day it was issued.</param>
/// <param name="Url">Where it was published.</param>
public sealed record CalendarNotice(string Title, string? Number, DateOnly Published, string? Url);

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// An NDRC correction of one year of the working calendar: the year's whole day list as corrected, the notice it follows,
/// why, by whom. Numbered 1, 2, … per year; the latest is in force instead of the year's file. Append-only.
/// </summary>
public sealed class CalendarRevisionRecord
{
    public int Year { get; set; }

    public int Number { get; set; }

    /// <summary>The year's holidays and make-up working days, JSON: <c>[{date, kind, nameZh, nameEn}]</c>.</summary>
    public required string Days { get; set; }

    /// <summary>The official notice, JSON <c>{title, number, published, url}</c>, when one is named.</summary>
    public string? Notice { get; set; }

    public required string Reason { get; set; }

    public required string RevisedBy { get; set; }

    public DateTimeOffset RevisedAt { get; set; }
}

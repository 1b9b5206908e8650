using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>Working calendar settings (section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string SectionName = "Calendar";

    /// <summary>
    /// From this day of a year (<c>MM-dd</c>) on, a next year without official data is warned about: once a day in the log
    /// and on the NDRC dashboard. Default <c>10-01</c> (the State Council usually publishes in late October or November).
    /// </summary>
    [Required]
    [RegularExpression(@"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", ErrorMessage = "Calendar:WarnFrom is a day of the year written MM-dd, e.g. 10-01")]
    public string WarnFrom { get; set; } = "10-01";

    /// <summary>
    /// How often a node looks for corrections another node recorded (one count of the corrections table). Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><see cref="WarnFrom"/> in <paramref name="year"/> (29 February becomes the 28th in a common year).</summary>
    public DateOnly WarnFromIn(int year)
    {
        var month = int.Parse(WarnFrom[..2], CultureInfo.InvariantCulture);
        var day = int.Parse(WarnFrom[3..], CultureInfo.InvariantCulture);
        return new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month)));
    }
}

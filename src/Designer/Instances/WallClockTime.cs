using System.Globalization;

namespace AiPlusTasks.Designer.Instances;

/// <summary>
/// A date and time as a picker holds it (<c>2027-07-01T00:00</c>, the HTML <c>datetime-local</c> form) on the engine's
/// wall clock (China Standard Time), and the instant it means.
/// </summary>
/// <param name="Local">The wall-clock date and time, to the minute.</param>
/// <param name="Instant">The moment it means in the engine's time zone.</param>
public sealed record WallClockTime(DateTime Local, DateTimeOffset Instant)
{
    /// <summary>The picker's format: <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public const string PickerFormat = "yyyy-MM-ddTHH:mm";

    /// <summary>The instant as the engine's inputs take it: UTC, <c>2027-06-30T16:00:00Z</c>.</summary>
    public string Utc => Instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The day and the time of day as a deadline is said: midnight is the end of the day before (<c>2027-06-30</c>,
    /// <c>24:00</c>), any other time is itself.
    /// </summary>
    public (DateOnly Day, string Time) AsDeadline() => Local.TimeOfDay == TimeSpan.Zero
        ? (DateOnly.FromDateTime(Local).AddDays(-1), "24:00")
        : (DateOnly.FromDateTime(Local), Local.ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>Reads the picker's text in <paramref name="zone"/>; null when it is not a date and time.</summary>
    public static WallClockTime? Parse(string? text, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(text?.Trim(), [PickerFormat, "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new(unspecified, new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)));
    }
}

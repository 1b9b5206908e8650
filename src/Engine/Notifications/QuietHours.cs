using System.Globalization;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// Hours in which a user gets no e-mail or SMS (in-app notifications still arrive; 约谈 and 通报 are sent anyway):
/// from <paramref name="From"/> to <paramref name="To"/> (<c>HH:mm</c>, in the engine's time zone, China time by
/// default), across midnight when <paramref name="From"/> is later. Default on, 22:00–08:00.
/// </summary>
/// <param name="Enabled">Whether quiet hours apply.</param>
/// <param name="From">Start, <c>HH:mm</c>.</param>
/// <param name="To">End, <c>HH:mm</c>.</param>
public sealed record QuietHours(bool Enabled, string From, string To)
{
    /// <summary>On, 22:00–08:00.</summary>
    public static readonly QuietHours Default = new(true, "22:00", "08:00");

    /// <summary>Reads <c>HH:mm</c>; false when it is not a time of day in that form.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// When the quiet hours that contain <paramref name="at"/> end, in UTC (stored times are UTC, so they compare as
    /// stored); null when <paramref name="at"/> is outside them (or they are off).
    /// </summary>
    public DateTimeOffset? EndIfInside(DateTimeOffset at, TimeZoneInfo zone)
    {
        if (!Enabled || !TryParseTime(From, out var from) || !TryParseTime(To, out var to) || from == to)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var timeOfDay = TimeOnly.FromDateTime(local.DateTime);
        var inside = from < to ? timeOfDay >= from && timeOfDay < to : timeOfDay >= from || timeOfDay < to;
        if (!inside)
        {
            return null;
        }

        var endDay = DateOnly.FromDateTime(local.DateTime);
        if (timeOfDay >= to)
        {
            endDay = endDay.AddDays(1);
        }

        var endLocal = endDay.ToDateTime(to);
        return new DateTimeOffset(endLocal, zone.GetUtcOffset(endLocal)).ToUniversalTime();
    }
}

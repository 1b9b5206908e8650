using System.Globalization;
using AiPlusTasks.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Web.Components;

/// <summary>Dates as the UI shows them: China Standard Time, absolute and relative to now.</summary>
public static class ChinaTime
{
    /// <summary>China Standard Time.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary><c>2026-12-15 18:00</c> in China Standard Time.</summary>
    public static string Format(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>2026-12-15 18:00:05</c> in China Standard Time (the audit trail's precision).</summary>
    public static string Seconds(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary><c>2026-12-14</c>: the day in China Standard Time.</summary>
    public static string Day(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The China Standard Time wall clock of <paramref name="value"/>, for a date-and-time picker.</summary>
    public static DateTime Local(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone).DateTime;

    /// <summary>The moment a picker's wall clock time means in China Standard Time.</summary>
    public static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>"in 3 days", "2 hours ago", … in the UI's language.</summary>
    public static string Relative(DateTimeOffset value, DateTimeOffset now, IStringLocalizer<UiText> text)
    {
        var span = value - now;
        var (amount, unit) = Math.Abs(span.TotalDays) >= 1 ? ((int)Math.Abs(span.TotalDays), "Day")
            : Math.Abs(span.TotalHours) >= 1 ? ((int)Math.Abs(span.TotalHours), "Hour")
            : ((int)Math.Abs(span.TotalMinutes), "Minute");
        unit += amount == 1 ? "" : "s";
        return text[span >= TimeSpan.Zero ? "In" + unit : unit + "Ago", amount];
    }
}

using System.Globalization;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Designer;

/// <summary>Times as the designer's pages show them: in the engine's time zone (China Standard Time by default).</summary>
internal static class EngineTime
{
    /// <summary><c>2026-12-15 18:00</c> (or another <paramref name="pattern"/>) in <see cref="EngineOptions.TimeZone"/>.</summary>
    public static string Format(DateTimeOffset value, EngineOptions options, string pattern = "yyyy-MM-dd HH:mm") =>
        TimeZoneInfo.ConvertTime(value, TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone)).ToString(pattern, CultureInfo.InvariantCulture);
}

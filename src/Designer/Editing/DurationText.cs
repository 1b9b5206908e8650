using System.Globalization;
using AiPlusTasks.Designer.Resources;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Designer.Editing;

/// <summary>Durations as the engine reads them (<c>d.hh:mm:ss</c> or ISO 8601), and a readable preview.</summary>
public static class DurationText
{
    /// <summary>The duration, or null when the engine would not accept the text.</summary>
    public static TimeSpan? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : ActivityExecutionContext.ParseDuration(text);

    /// <summary>
    /// E.g. <c>3 天 4 小时</c> / <c>3 days 4 hours</c> in the current UI culture; <c>0 分钟</c> / <c>0 minutes</c> for zero;
    /// a negative duration starts with a minus sign.
    /// </summary>
    public static string Readable(TimeSpan value)
    {
        var sign = value < TimeSpan.Zero ? "-" : "";
        var span = value.Duration();
        var parts = new List<string>();
        Add(parts, span.Days, "Day");
        Add(parts, span.Hours, "Hour");
        Add(parts, span.Minutes, "Minute");
        Add(parts, span.Seconds, "Second");
        if (parts.Count == 0)
        {
            Add(parts, 0, "Minute", always: true);
        }

        return sign + string.Join(" ", parts);
    }

    private static void Add(List<string> parts, int amount, string unit, bool always = false)
    {
        if (amount == 0 && !always)
        {
            return;
        }

        var format = DesignerText.Get("Duration" + unit + (amount == 1 ? "" : "s")) ?? "{0} " + unit;
        parts.Add(string.Format(CultureInfo.CurrentCulture, format, amount));
    }
}

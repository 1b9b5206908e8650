using System.Text.RegularExpressions;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The one place templates are rendered: placeholders <c>{title}</c> <c>{agency}</c> <c>{due}</c> <c>{reason}</c>
/// <c>{message}</c> <c>{link}</c> <c>{count}</c> <c>{items}</c> are replaced by their values (empty when a value is
/// missing). SMS length rules are <see cref="SmsText"/>'s.
/// </summary>
public static partial class NotificationText
{
    /// <summary>The placeholders a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["title", "agency", "due", "reason", "message", "link", "count", "items"];

    /// <summary>Replaces every known placeholder with its value (empty when <paramref name="values"/> has none).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        PlaceholderPattern().Replace(template, m => Placeholders.Contains(m.Groups[1].Value) ? values.GetValueOrDefault(m.Groups[1].Value) ?? "" : m.Value);

    /// <summary>Placeholders in <paramref name="template"/> that are not one of <see cref="Placeholders"/>.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template) =>
        [.. PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}

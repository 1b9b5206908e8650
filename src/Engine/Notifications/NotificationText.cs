using System.Text;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The one place templates are rendered: placeholders <c>{title}</c> <c>{agency}</c> <c>{due}</c> <c>{reason}</c>
/// <c>{message}</c> <c>{link}</c> <c>{count}</c> <c>{items}</c> are replaced by their values (empty when a value is
/// missing), and SMS text is kept within the SMS length rules (UCS-2: 70 characters in one message, 67 per part of a
/// long one, at most <see cref="MaxSmsSegments"/> parts).
/// </summary>
public static partial class NotificationText
{
    /// <summary>Most parts one SMS may be split into.</summary>
    public const int MaxSmsSegments = 5;

    /// <summary>Characters in a single (UCS-2) SMS.</summary>
    public const int SingleSmsCharacters = 70;

    /// <summary>Characters per part of a long (UCS-2) SMS.</summary>
    public const int SmsSegmentCharacters = 67;

    /// <summary>Longest SMS text: <see cref="MaxSmsSegments"/> × <see cref="SmsSegmentCharacters"/>.</summary>
    public const int MaxSmsCharacters = MaxSmsSegments * SmsSegmentCharacters;

    /// <summary>The placeholders a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["title", "agency", "due", "reason", "message", "link", "count", "items"];

    /// <summary>Replaces every known placeholder with its value (empty when <paramref name="values"/> has none).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        PlaceholderPattern().Replace(template, m => Placeholders.Contains(m.Groups[1].Value) ? values.GetValueOrDefault(m.Groups[1].Value) ?? "" : m.Value);

    /// <summary>Placeholders in <paramref name="template"/> that are not one of <see cref="Placeholders"/>.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string template) =>
        [.. PlaceholderPattern().Matches(template).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct(StringComparer.Ordinal)];

    /// <summary>How many SMS parts <paramref name="text"/> takes (UCS-2).</summary>
    public static int SmsSegments(string text) =>
        text.Length <= SingleSmsCharacters ? 1 : (text.Length + SmsSegmentCharacters - 1) / SmsSegmentCharacters;

    /// <summary>Cuts SMS text that a long value (a task's title) pushed over <see cref="MaxSmsCharacters"/>, ending it with an ellipsis.</summary>
    public static string FitSms(string text) =>
        text.Length <= MaxSmsCharacters ? text : new StringBuilder(text, 0, MaxSmsCharacters - 1, MaxSmsCharacters).Append('…').ToString();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}

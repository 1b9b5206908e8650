using System.Globalization;
using System.Text;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// An evidence file's name made safe to store, list and hand back in a download: only the last part of a path, no
/// control or formatting characters (bidirectional overrides that disguise <c>txt.exe</c> as <c>exe.txt</c>, zero-width
/// characters), none of the characters Windows refuses in names, no leading or trailing dots and spaces, and at most
/// <see cref="MaxLength"/> characters with the extension kept.
/// </summary>
public static class EvidenceFileName
{
    /// <summary>Longest name kept, in UTF-16 characters: 120.</summary>
    public const int MaxLength = 120;

    /// <summary>The cleaned name; empty when nothing usable is left.</summary>
    public static string Clean(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "";
        }

        var last = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var text = new StringBuilder(last.Length);
        foreach (var rune in last.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            text.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        var cleaned = text.ToString().Trim().Trim('.').Trim();
        if (cleaned.Length <= MaxLength)
        {
            return cleaned;
        }

        var extension = Path.GetExtension(cleaned);
        extension = extension.Length is > 1 and <= 10 ? extension : "";
        var stem = cleaned[..(cleaned.Length - extension.Length)];
        var cut = MaxLength - extension.Length;

        // Never cut a surrogate pair in half.
        if (char.IsHighSurrogate(stem[cut - 1]))
        {
            cut--;
        }

        return stem[..cut].TrimEnd() + extension;
    }
}

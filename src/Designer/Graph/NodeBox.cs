using AiPlusTasks.Designer.Activities;

namespace AiPlusTasks.Designer.Graph;

/// <summary>
/// A node's box on the canvas, sized to its texts: the title (the node's <see cref="DesignerNode.DisplayText"/>), the
/// type's display name under it and one row per outcome port with the outcome's display name. The box is as wide as
/// its longest text (between <see cref="MinWidth"/> and <see cref="MaxWidth"/>); a longer title wraps to a second line,
/// which ends with an ellipsis when it is still too long (the full title is the node's tooltip).
/// Text widths are estimated from the characters (a CJK character is one em wide; Latin letters, digits and
/// punctuation less) on the generous side, so the text stays inside the box the browser draws; the browser tests
/// compare the drawn text with the drawn box.
/// </summary>
public sealed class NodeBox
{
    /// <summary>The narrowest and widest box, in canvas units; <see cref="GraphLayout.ColumnWidth"/> leaves room for links.</summary>
    public const double MinWidth = 160, MaxWidth = 200;

    /// <summary>Font sizes of the title and of the smaller texts (type, port labels), in canvas units (CSS pixels at 100%).</summary>
    public const double TitleFontSize = 14, SmallFontSize = 11;

    /// <summary>Left padding of the texts; the right side also leaves room for the port circles.</summary>
    public const double Padding = 10, PortSpacing = 22, TitleLineHeight = 18;

    private const double RightPadding = 14, PortLabelGap = 12, PortGap = 6;

    private NodeBox(double width, IReadOnlyList<string> titleLines, string typeLabel, IReadOnlyList<string> portLabels)
    {
        Width = width;
        TitleLines = titleLines;
        TypeLabel = typeLabel;
        PortLabels = portLabels;
    }

    /// <summary>The box's width.</summary>
    public double Width { get; }

    /// <summary>The box's height: the header, then one row per port (at least one row).</summary>
    public double Height => HeaderHeight + (Math.Max(PortLabels.Count, 1) * PortSpacing) - PortGap;

    /// <summary>The title as drawn: one or two lines, the second ending in "…" when the title is cut.</summary>
    public IReadOnlyList<string> TitleLines { get; }

    /// <summary>The type's display name, cut with "…" when wider than the box.</summary>
    public string TypeLabel { get; }

    /// <summary>The ports' display names, in the node's port order.</summary>
    public IReadOnlyList<string> PortLabels { get; }

    /// <summary>Where the type label's baseline is.</summary>
    public double TypeY => 22 + (TitleLines.Count * TitleLineHeight);

    /// <summary>The height above the first port: title lines and the type label.</summary>
    public double HeaderHeight => TypeY + 10;

    /// <summary>The box of <paramref name="node"/>, with its texts in the current UI culture.</summary>
    public static NodeBox Of(DesignerNode node)
    {
        var typeLabel = ActivityTypeNames.DisplayName(node.Type);
        var portLabels = node.Ports.Select(ActivityTypeNames.OutcomeName).ToList();
        var room = MaxWidth - Padding - RightPadding;
        var widest = Math.Max(
            Math.Max(TextWidth(node.DisplayText, TitleFontSize), TextWidth(typeLabel, SmallFontSize)),
            portLabels.Count == 0 ? 0 : portLabels.Max(p => TextWidth(p, SmallFontSize) + PortLabelGap));
        var width = Math.Clamp(Math.Ceiling(widest + Padding + RightPadding), MinWidth, MaxWidth);
        return new NodeBox(width, Wrap(node.DisplayText, room), Cut(typeLabel, SmallFontSize, room), portLabels);
    }

    /// <summary>The y of a port's centre inside the box.</summary>
    public double PortY(int index) => HeaderHeight + (index * PortSpacing);

    /// <summary>The estimated width of <paramref name="text"/> at <paramref name="fontSize"/>, on the generous side.</summary>
    public static double TextWidth(string text, double fontSize) => text.Sum(Advance) * fontSize;

    // In ems: CJK and full-width forms are square; Latin capitals and wide letters are wider than the rest.
    private static double Advance(char c) => c switch
    {
        >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFFEF' => 1.05,
        ' ' => 0.32,
        'i' or 'j' or 'l' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' => 0.34,
        'm' or 'w' or 'M' or 'W' => 0.95,
        >= 'A' and <= 'Z' => 0.74,
        _ => 0.62,
    };

    private static IReadOnlyList<string> Wrap(string title, double room)
    {
        if (TextWidth(title, TitleFontSize) <= room)
        {
            return [title];
        }

        var first = Fit(title, TitleFontSize, room);
        return [first, Cut(title[first.Length..].TrimStart(), TitleFontSize, room)];
    }

    // The longest start of the text that fits.
    private static string Fit(string text, double fontSize, double room)
    {
        var length = 0;
        while (length < text.Length && TextWidth(text[..(length + 1)], fontSize) <= room)
        {
            length++;
        }

        return text[..Math.Max(length, 1)];
    }

    private static string Cut(string text, double fontSize, double room) =>
        TextWidth(text, fontSize) <= room ? text : Fit(text, fontSize, room - TextWidth("…", fontSize)) + "…";
}

using System.Globalization;
using System.Resources;

namespace AiPlusTasks.Designer.Resources;

/// <summary>
/// The designer's texts: <c>DesignerText.resx</c> holds Simplified Chinese (the default), <c>DesignerText.en.resx</c>
/// English. Components read them through <c>IStringLocalizer&lt;DesignerText&gt;</c>; plain C# (node display texts)
/// through <see cref="Get"/>. Both read the same resources in the current UI culture.
/// </summary>
public sealed class DesignerText
{
    private static readonly ResourceManager Resources = new(typeof(DesignerText).FullName!, typeof(DesignerText).Assembly);

    private DesignerText()
    {
    }

    /// <summary>The text for <paramref name="key"/> in the current UI culture, or null when there is none.</summary>
    public static string? Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);
}

using System.Globalization;

namespace AiPlusTasks.Designer.Tests.Support;

/// <summary>Switches the current (UI) culture for the rest of a synchronous test; culture flows with the execution context.</summary>
public static class TestCulture
{
    public static void Use(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>The UI's languages: Simplified Chinese first (the default), English on request (culture cookie).</summary>
public static class Localization
{
    public const string Default = "zh-CN";

    public static readonly string[] Cultures = [Default, "en"];

    public static IApplicationBuilder UseAiPlusTasksLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(Default).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);

            // The cookie decides, then the default: a browser's Accept-Language does not turn the UI English by itself.
            o.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider()];
        });
}

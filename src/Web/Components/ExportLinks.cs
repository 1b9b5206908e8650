using System.Globalization;

namespace AiPlusTasks.Web.Components;

/// <summary>
/// The addresses of the export downloads (<c>ExportEndpoints</c>) in the page's language. Pages link to them with the
/// sign-in cookie, which the API accepts for reads; the links carry <c>download</c> so the router leaves them alone.
/// </summary>
public static class ExportLinks
{
    /// <summary>A plan's 台账 in <paramref name="format"/> (<c>xlsx</c> or <c>csv</c>).</summary>
    public static string Ledger(string planId, string format) =>
        $"/api/plans/{Uri.EscapeDataString(planId)}/ledger.{format}?lang={Language()}";

    /// <summary>An agency's 周报 (<c>week</c>) or 月报 (<c>month</c>) of today's week or month in <paramref name="format"/>.</summary>
    public static string Report(string agencyCode, string period, string format) =>
        $"/api/agencies/{Uri.EscapeDataString(agencyCode)}/reports.{format}?period={period}&lang={Language()}";

    private static string Language() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "zh-CN";
}

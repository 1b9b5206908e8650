using System.Globalization;
using System.Security.Claims;
using AiPlusTasks.Engine.Exports;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// The spreadsheets offices report in (<see cref="ExportService"/>): a plan's 台账 and an agency's 周报/月报, as .xlsx or
/// CSV, streamed as they are read. Chinese unless the request asks for English (<c>?lang=en</c>, else Accept-Language).
/// </summary>
public static class ExportEndpoints
{
    private static readonly string[] FileTypes = ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/csv"];

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Exports").RequireAuthorization();
        group.MapGet("/plans/{planId}/ledger.{format}", ExportLedger).WithName(nameof(ExportLedger))
            .WithSummary("Export a plan's ledger (台账) as Excel or CSV")
            .WithDescription("The ledger of the plan, or of one pillar (`?pillar=`): a row per agency's part of each key task the caller sees.")
            .Produces(StatusCodes.Status200OK, contentType: FileTypes[0], additionalContentTypes: FileTypes[1])
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/agencies/{code}/reports.{format}", ExportAgencyReport).WithName(nameof(ExportAgencyReport))
            .WithSummary("Export an agency's weekly or monthly report as Excel or CSV")
            .WithDescription("The weekly or monthly report (周报/月报, `?period=week|month&date=yyyy-MM-dd`, China time) of an agency's progress reports, with a summary.")
            .Produces(StatusCodes.Status200OK, contentType: FileTypes[0], additionalContentTypes: FileTypes[1])
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary><c>format</c>: <c>xlsx</c> or <c>csv</c>; <c>pillar</c>: a pillar's code; <c>lang</c>: <c>zh-CN</c> or <c>en</c>.</summary>
    public static async Task<EmptyHttpResult> ExportLedger(
        HttpContext context, ExportService exports, ClaimsPrincipal user, string planId, string format, string? pillar, string? lang, CancellationToken cancellationToken)
    {
        var fileFormat = ExportFormats.Parse(format);
        var document = await exports.LedgerAsync(CallerClaims.ToCaller(user), planId, pillar, Language(context.Request, lang), cancellationToken);
        await WriteAsync(context, fileFormat, document, cancellationToken);
        return TypedResults.Empty;
    }

    /// <summary><c>period</c>: <c>week</c> (default) or <c>month</c>; <c>date</c>: a day of it (default today).</summary>
    public static async Task<EmptyHttpResult> ExportAgencyReport(
        HttpContext context, ExportService exports, ClaimsPrincipal user, string code, string format, string? period, string? date, string? lang,
        CancellationToken cancellationToken)
    {
        var fileFormat = ExportFormats.Parse(format);
        var document = await exports.AgencyReportAsync(CallerClaims.ToCaller(user), code, period, date, Language(context.Request, lang), cancellationToken);
        await WriteAsync(context, fileFormat, document, cancellationToken);
        return TypedResults.Empty;
    }

    private static async Task WriteAsync(HttpContext context, ExportFormat format, ExportDocument document, CancellationToken cancellationToken)
    {
        context.Response.ContentType = format.ContentType();
        EvidenceDownload.SetHeaders(context.Response, $"{document.FileName}.{format.Extension()}");

        // The workbook's zip archive writes its last bytes (the central directory) synchronously when it is closed.
        if (context.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        await ExportWriter.WriteAsync(context.Response.Body, format, document, cancellationToken);
    }

    /// <summary>The file's language: <c>?lang=</c> (<c>en</c> or <c>zh-CN</c>), else the first of Accept-Language's that is one of them, else the UI's.</summary>
    private static CultureInfo Language(HttpRequest request, string? lang)
    {
        if (!string.IsNullOrEmpty(lang))
        {
            return lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en")
                : lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("zh-CN")
                : throw RequestValidationException.For("lang", "lang must be zh-CN or en");
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("en", StringComparison.OrdinalIgnoreCase) || l.StartsWith("zh", StringComparison.OrdinalIgnoreCase));
        return accepted is null ? CultureInfo.CurrentUICulture
            : accepted.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");
    }
}

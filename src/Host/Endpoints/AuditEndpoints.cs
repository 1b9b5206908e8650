using System.Security.Claims;
using System.Text;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Infrastructure;
using AiPlusTasks.Web.Components;
using AiPlusTasks.Web.Resources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// The audit trail (留痕, docs/decisions/032) for NDRC auditors and administrators: search, CSV export, and the check
/// of its hash chain. Everyone else is refused (403) by the engine's <see cref="AuditTrail"/>.
/// </summary>
public static class AuditEndpoints
{
    private const string Filters = "Filters, each optional: `actor` (a user name, or part of a person's name in either language, matched as the actor or the one acted for), `action` (e.g. `task.complete`), `target`, `agency` (the actor's agency code), `from` and `to` (date-times; `to` exclusive).";

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization();
        group.MapGet("/", ListAuditEntries).WithName(nameof(ListAuditEntries)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Search the audit trail")
            .WithDescription($"Lines newest first, each with its actor, acting-for, agency, action, target, outcome, address, detail and place in the hash chain (`sequence`, null until sealed). {Filters} Paged: page, pageSize (1-200). 403 unless an NDRC auditor or administrator.");
        group.MapGet("/export.csv", ExportAuditEntries).WithName(nameof(ExportAuditEntries)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("Export the audit trail as CSV")
            .WithDescription($"Every line matching the filters, newest first, streamed as UTF-8 CSV (with a byte-order mark) in the caller's language: actions and outcomes in words, people and agencies by name, China time. {Filters} 403 unless an NDRC auditor or administrator.");
        group.MapGet("/verify", VerifyAuditTrail).WithName(nameof(VerifyAuditTrail)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Check the audit trail's hash chain")
            .WithDescription("Seals the lines written so far, then walks the chain from its first line: `intact`, how many lines were `checked`, the last one's `headSequence` and `headHash`, and for a broken chain the first broken link (`break`: `sequence`, `entryId`, `kind` — `edited`, `deleted` or `reordered` — and a `message`). 403 unless an NDRC auditor or administrator.");
        return app;
    }

    /// <summary>One page of the lines matching the filters, newest first.</summary>
    public static async Task<Ok<Page<AuditEntryView>>> ListAuditEntries(
        AuditTrail audit, ClaimsPrincipal user, string? actor, string? action, string? target, string? agency, DateTimeOffset? from, DateTimeOffset? to,
        int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await audit.SearchAsync(CallerClaims.ToCaller(user), Query(actor, action, target, agency, from, to), number, size, cancellationToken));
    }

    /// <summary>The lines matching the filters as CSV, written as they are read.</summary>
    public static PushStreamHttpResult ExportAuditEntries(
        AuditTrail audit, DisplayNames names, IStringLocalizer<UiText> text, ClaimsPrincipal user,
        string? actor, string? action, string? target, string? agency, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var lines = audit.StreamAsync(CallerClaims.ToCaller(user), Query(actor, action, target, agency, from, to), cancellationToken);
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
            await writer.WriteLineAsync(Csv.Line(AuditLabels.CsvHeader(text)));
            await foreach (var line in lines)
            {
                await writer.WriteLineAsync(Csv.Line(AuditLabels.CsvRow(line, names, text)));
            }
        }, "text/csv; charset=utf-8", "audit.csv");
    }

    /// <summary>The result of walking the hash chain.</summary>
    public static async Task<Ok<AuditVerification>> VerifyAuditTrail(AuditTrail audit, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.VerifyAsync(CallerClaims.ToCaller(user), cancellationToken));

    private static AuditQuery Query(string? actor, string? action, string? target, string? agency, DateTimeOffset? from, DateTimeOffset? to) => new(
        Action: Blank(action), Target: Blank(target), Since: from, Until: to, Agency: Blank(agency), ActorNamed: Blank(actor));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using AiPlusTasks.Host.Security;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiPlusTasks.Host.Contract;

/// <summary>
/// The document's own parts: what the API is and who to ask, the server (relative, so the committed copy does not
/// depend on where it was fetched), the three credential schemes <see cref="CallerSchemes"/> names, and a description
/// of each tag.
/// </summary>
internal sealed class ContractDocument : IOpenApiDocumentTransformer
{
    /// <summary>The description of each tag the endpoints use; a tag missing here fails the contract test's lint.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>
    {
        ["Authentication"] = "Bearer tokens for people and their refresh; signing out everywhere.",
        ["Account"] = "The signed-in user's own password and contact details.",
        ["Workflow definitions"] = "Workflows in Elsa 3 JSON: import (kept as a draft when it has problems), read, publish. NDRC planners.",
        ["Workflow instances"] = "Running workflows: start, read, journal, cancel, and the incident tools (retry, skip, migrate).",
        ["Events"] = "Resume workflows waiting for a named event or an agency system's callback.",
        ["Tasks"] = "The inbox and the work on a task: claim, report progress, complete (submit, approve, return), escalate.",
        ["Reviews"] = "Joint reviews (会签): read, add or remove reviewers.",
        ["Directory"] = "Agencies and the catalogue of the 6 key actions and 8 supports.",
        ["Plans"] = "Rolling plans: versions, diffs, rolls each period and amendments of the static layer.",
        ["Exports"] = "台账 (ledgers) and agency reports as Excel or CSV.",
        ["Calendar"] = "China's official working calendar and working-day arithmetic.",
        ["Webhooks"] = "Agency systems' subscriptions to events, and their delivery logs.",
        ["API keys"] = "Keys for agency systems (`X-Api-Key`), shown once, revocable.",
        ["Users"] = "User administration: agency leads for their agency, NDRC administrators for everyone.",
        ["Notifications"] = "In-app, e-mail and SMS notifications, their preferences, templates and delivery log.",
        ["Delegations"] = "Handing one's work to a substitute for a time.",
        ["Bulk jobs"] = "Changing many tasks or instances in one job, previewed first.",
        ["Retention"] = "Pruning and archiving old records.",
        ["Audit"] = "The tamper-evident audit trail (留痕): search, export, verify.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "AiPlusTasks API",
            Version = "v1",
            Description = """
                The workflow engine of the "AI+" (人工智能+) action: the NDRC breaks national priorities into ministry and province
                tasks; agency staff claim, report and submit them; reviewers approve or return them; plans roll every quarter.

                **Credentials.** People sign in with `POST /api/auth/token` and send `Authorization: Bearer <accessToken>`
                (15 minutes; `POST /api/auth/refresh` renews it). Agency systems send their API key in `X-Api-Key`; each
                operation lists the schemes it accepts. Everything is scoped to the caller's agency: another agency's task answers
                404, like one that does not exist.

                **Retries.** Writes take an `Idempotency-Key` header (agency systems must send one): a retry with the same key gets
                the first answer again, marked `Idempotent-Replayed: true`, and changes nothing.

                **Errors** are `application/problem+json` (RFC 9457); a 400 lists the bad fields in `errors`.
                """,
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "The Host serving this document" }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [CallerSchemes.Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A person's access token from `POST /api/auth/token` (renewed by `POST /api/auth/refresh`).",
            },
            [CallerSchemes.ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An agency system's API key (`POST /api/api-keys`), acting for its agency. Send an `Idempotency-Key` with every write.",
            },
            [CallerSchemes.Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = Authentication.CookieName,
                Description = "The web UI's sign-in cookie; under `/api` it is taken for reads only, so the pages' links work. Not for integrations.",
            },
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        return Task.CompletedTask;
    }
}

using Microsoft.Net.Http.Headers;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Headers every answer carries: a Content Security Policy the Blazor Server UI, the designer and the API reference run
/// under (scripts and connections only from this site, no plugins, no framing, forms post only here), <c>nosniff</c>, a
/// referrer policy that keeps URLs (task ids) on the site, and no framing.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy. Styles allow inline attributes because MudBlazor and Blazor's reconnect dialog set <c>style</c>;
    /// scripts do not (nothing in the UI is inline). <c>data:</c> images are the favicon placeholder and MudBlazor's
    /// inline SVG icons.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy of the API reference (<c>/scalar</c>): the same, but Scalar's page starts itself with an inline script
    /// (its settings), so inline scripts run there. The page shows only this Host's own OpenAPI document.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The path of the API reference.</summary>
    private const string ApiReferencePath = "/scalar";

    /// <summary>The referrer policy: full URLs only to this site, nothing to others.</summary>
    public const string ReferrerPolicy = "same-origin";

    /// <summary>Adds the headers to every answer (set when the answer starts, so error pages and redirects carry them too).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = ReferrerPolicy;
                headers.XFrameOptions = "DENY";

                // Added beside any policy the answer has already (Blazor's frame-ancestors, an evidence download's
                // sandbox): a browser enforces every policy it gets, so each can only narrow what the others allow.
                headers.Append(
                    HeaderNames.ContentSecurityPolicy,
                    response.HttpContext.Request.Path.StartsWithSegments(ApiReferencePath) ? ApiReferencePolicy : ContentSecurityPolicy);

                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}

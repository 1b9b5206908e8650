using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// The Host's edge towards browsers and proxies: forwarded headers only from configured proxies
/// (<see cref="ForwardedHeadersSettings"/>), HTTPS redirection, HSTS and <c>Secure</c> cookies when
/// <see cref="HttpsSettings.Enforce"/>, and <see cref="SecurityHeaders"/> on every answer. Host names are checked by
/// ASP.NET Core's host filtering against <c>AllowedHosts</c> (appsettings.json: the localhost names; a deployment names
/// its own), before any of this, so a forged <c>Host</c> never reaches a redirect, a link or the OpenAPI document.
/// </summary>
public static class WebHardening
{
    public static WebApplicationBuilder AddWebHardening(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HttpsSettings>().BindConfiguration(HttpsSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = settings.Value.ForwardLimit;

            // ASP.NET Core trusts loopback by default; here only the configured proxies are.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddOptions<HstsOptions>().Configure<IOptions<HttpsSettings>>((o, settings) =>
        {
            o.MaxAge = settings.Value.HstsMaxAge;
            o.IncludeSubDomains = settings.Value.HstsIncludeSubDomains;
        });
        builder.Services.AddOptions<HttpsRedirectionOptions>().Configure<IOptions<HttpsSettings>>((o, settings) =>
        {
            o.HttpsPort = settings.Value.Port;
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after sees the client's scheme and address as the proxy saw them.</summary>
    public static WebApplication UseWebHardening(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        var https = app.Services.GetRequiredService<IOptions<HttpsSettings>>().Value;
        if (https.Enforce)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();

        // The sign-in and antiforgery cookies are Secure whenever the request is HTTPS already; this does the same for
        // every other cookie (the language), and for all of them when HTTPS is enforced.
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = https.Enforce ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest });
        return app;
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>
/// The Host behind a TLS-terminating proxy at <see cref="Proxy"/> (<c>ForwardedHeaders:KnownProxies</c>), reached as
/// <see cref="SiteHost"/> (added to <c>AllowedHosts</c>), with HTTPS enforced. The in-memory server has no peer address,
/// so each request's is taken from the test's own <see cref="PeerHeader"/> before the Host's pipeline runs.
/// </summary>
public class ProxiedHostFactory : HostFactory
{
    /// <summary>The proxy's address, the one trusted for forwarded headers.</summary>
    public const string Proxy = "10.20.0.5";

    /// <summary>The site's public name.</summary>
    public const string SiteHost = "tasks.example.gov.cn";

    /// <summary>The test-only header naming the peer address of a request (default: <see cref="Proxy"/>).</summary>
    public const string PeerHeader = "X-Test-Peer";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["AllowedHosts"] = $"localhost;{SiteHost}",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["Https:Enforce"] = "true",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new PeerAddressFilter()));
    }

    /// <summary>A client of the site by its public name, over plain HTTP as the proxy forwards, following no redirects.</summary>
    public HttpClient CreateSiteClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.BaseAddress = new Uri($"http://{SiteHost}/");
        return client;
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

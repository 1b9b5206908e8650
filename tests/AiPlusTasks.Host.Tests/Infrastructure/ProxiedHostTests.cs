using System.Net;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>
/// Behind a TLS-terminating proxy: forwarded headers count only from the configured proxy, so the Host sees HTTPS there
/// (Secure cookies, HSTS) and redirects plain HTTP to HTTPS; anyone else's <c>X-Forwarded-Proto</c> is ignored.
/// </summary>
[Trait("Category", "Security")]
public sealed class ProxiedHostTests(ProxiedHostFactory factory) : IClassFixture<ProxiedHostFactory>
{
    [Fact]
    public async Task Request_FromProxyOverTls_SecureCookieAndHsts()
    {
        var client = factory.CreateSiteClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/culture?culture=en&returnUrl=%2Finbox");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Request_PlainHttp_RedirectsToHttps()
    {
        var client = factory.CreateSiteClient();

        var response = await client.GetAsync(new Uri("/health?x=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://{ProxiedHostFactory.SiteHost}/health?x=1", response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task Request_ForwardedProtoFromAnotherPeer_IsIgnored()
    {
        var client = factory.CreateSiteClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add(ProxiedHostFactory.PeerHeader, "10.20.0.6");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
    }
}

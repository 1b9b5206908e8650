using System.Net;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>With no proxy configured (the default), nobody's <c>X-Forwarded-Proto</c> makes a request HTTPS.</summary>
[Trait("Category", "Security")]
public sealed class UnproxiedHostTests(UnproxiedHostFactory factory) : IClassFixture<UnproxiedHostFactory>
{
    [Theory]
    [InlineData(ProxiedHostFactory.Proxy)]
    [InlineData("127.0.0.1")]
    public async Task Request_ForwardedProto_IsIgnored(string peer)
    {
        var client = factory.CreateSiteClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/culture?culture=en&returnUrl=%2Finbox");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add(ProxiedHostFactory.PeerHeader, peer);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Request_OverHttps_CultureCookieIsSecure()
    {
        var client = factory.CreateSiteClient();
        client.BaseAddress = new Uri($"https://{ProxiedHostFactory.SiteHost}/");

        var response = await client.GetAsync(new Uri("/culture?culture=en&returnUrl=%2Finbox", UriKind.Relative));

        Assert.Contains("; secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }
}

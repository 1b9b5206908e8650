using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Host.Tests.Infrastructure;

/// <summary>
/// The Host's edge with its default settings: security headers on pages, API answers and errors; host names checked
/// against <c>AllowedHosts</c> before anything reflects them; control characters in a <c>returnUrl</c>.
/// </summary>
[Trait("Category", "Security")]
public sealed partial class WebHardeningTests(HostFactory factory) : IClassFixture<HostFactory>
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/agencies")]
    [InlineData("/api/no-such-route")]
    [InlineData("/health")]
    public async Task Answer_AnyRoute_CarriesSecurityHeaders(string path)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"), p => p.StartsWith("default-src", StringComparison.Ordinal));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only when HTTPS is enforced");
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/culture?culture=en&returnUrl=%2Finbox")]
    [InlineData("/inbox")]
    public async Task Request_ForgedHost_Returns400WithoutReflectingIt(string path)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_AllowedHost_ListsOnlyTheRelativeServer()
    {
        // The document names no host at all (the request's Host is never echoed): clients resolve "/" against its address.
        var document = await factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal("/", Assert.Single(JsonNode.Parse(document)!["servers"]!.AsArray())!["url"]!.GetValue<string>());
        Assert.DoesNotContain("localhost", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/inbox\u0007")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Culture_ReturnUrlWithControlCharacterOrOtherSite_GoesToInbox(string returnUrl)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri($"/culture?culture=en&returnUrl={Uri.EscapeDataString(returnUrl)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inbox", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_ReturnUrlWithTab_SignsInAndGoesToInbox()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["username"] = "guangdong.staff",
            ["password"] = HostFactory.Password,
            ["returnUrl"] = "/\t/evil.example",
        });

        var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inbox", response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// <c>/api/webhook-subscriptions</c> with the default settings (loopback refused): who may manage subscriptions, what
/// each agency sees, URLs refused as SSRF risks, and the secret shown once.
/// </summary>
public sealed class WebhookSubscriptionTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Route = "/api/webhook-subscriptions";
    private static readonly string[] AllTypes = ["*"];
    private static readonly string[] CreatedOnly = ["task.created"];
    private static readonly string[] WithUnknown = ["task.created", "task.exploded"];
    private readonly HttpClient _guangdongLead = factory.CreateClientFor("guangdong.lead");

    [Theory]
    [Trait("Category", "Security")]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://localhost/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("http://192.168.1.20/hook", "private")]
    [InlineData("http://172.16.5.4/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://[fe80::1]/hook", "link-local")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "private")]
    [InlineData("http://[::127.0.0.1]/hook", "private")]
    [InlineData("http://[64:ff9b::7f00:1]/hook", "private")]
    [InlineData("http://[64:ff9b::a00:1]/hook", "private")]
    [InlineData("http://[2002:7f00:1::1]/hook", "private")]
    [InlineData("http://[2002:c0a8:101::1]/hook", "private")]
    [InlineData("http://[fec0::1]/hook", "private")]
    [InlineData("ftp://example.com/hook", "only http and https")]
    [InlineData("file:///etc/passwd", "only http and https")]
    [InlineData("http://user:secret@example.com/hook", "user name or password")]
    [InlineData("hook", "absolute")]
    public async Task Create_RefusedUrl_Returns400NamingUrl(string url, string why)
    {
        // Act
        var response = await _guangdongLead.PostAsJsonAsync(Route, new { url, eventTypes = AllTypes });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["url"], problem.ErrorKeys());
        Assert.Contains(why, problem.ErrorText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_UnknownOrNoEventTypes_Returns400NamingEventTypes()
    {
        var unknown = await (await _guangdongLead.PostAsJsonAsync(Route, new { url = "https://example.com/hook", eventTypes = WithUnknown })).ExpectAsync(HttpStatusCode.BadRequest);
        var none = await (await _guangdongLead.PostAsJsonAsync(Route, new { url = "https://example.com/hook", eventTypes = Array.Empty<string>() })).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["eventTypes"], unknown.ErrorKeys());
        Assert.Contains("task.exploded", unknown.ErrorText(), StringComparison.Ordinal);
        Assert.Equal(["eventTypes"], none.ErrorKeys());
    }

    [Fact]
    public async Task Create_ByStaff_Returns403()
    {
        var staff = factory.CreateClientFor("guangdong.staff");

        var response = await staff.PostAsJsonAsync(Route, new { url = "https://example.com/hook", eventTypes = AllTypes });

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_ByLead_ShowsTheSecretOnce_AnotherAgencyCannotSeeIt()
    {
        // Act
        var created = await (await _guangdongLead.PostAsJsonAsync(Route, new { url = "https://example.com/guangdong", eventTypes = CreatedOnly })).ExpectAsync(HttpStatusCode.Created);

        // Assert
        var id = created["subscription"]!["id"].Str();
        var secret = created["secret"].Str();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal("guangdong", created["subscription"]!["agency"].Str());

        var read = await (await _guangdongLead.GetAsync(new Uri($"{Route}/{id}", UriKind.Relative))).Content.ReadAsStringAsync();
        var list = await (await _guangdongLead.GetAsync(new Uri(Route, UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], read, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], list, StringComparison.Ordinal);

        var hubei = factory.CreateClientFor("hubei.lead");
        await (await hubei.GetAsync(new Uri($"{Route}/{id}", UriKind.Relative))).ExpectAsync(HttpStatusCode.NotFound);
        await (await hubei.DeleteAsync(new Uri($"{Route}/{id}", UriKind.Relative))).ExpectAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await (await hubei.GetAsync(new Uri(Route, UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(id, await (await factory.CreateClientFor().GetAsync(new Uri(Route, UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_ByLead_Returns204AndTheSubscriptionIsGone()
    {
        var created = await (await _guangdongLead.PostAsJsonAsync(Route, new { url = "https://example.com/gone", eventTypes = AllTypes })).ExpectAsync(HttpStatusCode.Created);
        var id = created["subscription"]!["id"].Str();

        await (await _guangdongLead.DeleteAsync(new Uri($"{Route}/{id}", UriKind.Relative))).ExpectAsync(HttpStatusCode.NoContent);

        await (await _guangdongLead.GetAsync(new Uri($"{Route}/{id}", UriKind.Relative))).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListDeliveries_UnknownState_Returns400NamingState()
    {
        var created = await (await _guangdongLead.PostAsJsonAsync(Route, new { url = "https://example.com/log", eventTypes = AllTypes })).ExpectAsync(HttpStatusCode.Created);

        var response = await _guangdongLead.GetAsync(new Uri($"{Route}/{created["subscription"]!["id"].Str()}/deliveries?state=Lost", UriKind.Relative));

        Assert.Equal(["state"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>/api/api-keys</c>: who manages keys, a key shown once and hashed at rest, revocation, last use.</summary>
public sealed class ApiKeyEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");

    [Fact]
    public async Task CreateApiKey_Lead_ReturnsTheKeyOnceAndTheListShowsOnlyItsPrefix()
    {
        // Act
        var response = await _lead.PostAsJsonAsync(InboundApi.ApiKeys, new { name = "gd-reporting" });

        // Assert
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var key = created["key"].Str();
        Assert.StartsWith("apt_", key, StringComparison.Ordinal);
        Assert.Equal(47, key.Length);
        Assert.Equal(key[..12], created["apiKey"]!["prefix"].Str());
        Assert.Equal("guangdong", created["apiKey"]!["agencyCode"].Str());
        Assert.Equal("guangdong.lead", created["apiKey"]!["createdBy"].Str());
        var listText = await (await _lead.GetRawAsync($"{InboundApi.ApiKeys}?pageSize=200")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, listText, StringComparison.Ordinal);
        var listed = Assert.Single(System.Text.Json.Nodes.JsonNode.Parse(listText)!["items"]!.AsArray(), k => k!["id"].Str() == created["apiKey"]!["id"].Str());
        Assert.Equal(key[..12], listed!["prefix"].Str());
        Assert.Null(listed["key"]);
        Assert.Null(listed["revokedAt"]);
    }

    [Fact]
    public async Task CreateApiKey_TheDatabaseFilesHoldThePrefixButNeverTheKey()
    {
        // Act
        var (key, _) = await _lead.CreateApiKeyAsync("gd-at-rest");

        // Assert: the prefix is found where the row was written (so the search looks in the right place); the key is not.
        var files = Directory.GetFiles(Path.GetDirectoryName(factory.DatabasePath)!, "aiplustasks.db*");
        var bytes = files.SelectMany(ReadShared).ToArray();
        Assert.True(Contains(bytes, Encoding.UTF8.GetBytes(key[..12])), "the key's prefix should be stored");
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(key)), "the key itself must not be stored");
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(key[4..])), "the key's random part must not be stored");
    }

    [Fact]
    public async Task RevokeApiKey_ByTheLead_LaterRequestsWithTheKeyGet401ProblemDetails()
    {
        // Arrange
        var (key, id) = await _lead.CreateApiKeyAsync("gd-revoked");
        var system = factory.CreateClientWithKey(key);
        await (await system.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);

        // Act
        var revoked = await (await _lead.DeleteAsync(new Uri($"{InboundApi.ApiKeys}/{id}", UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);
        var after = await system.GetRawAsync(HttpApi.Tasks);

        // Assert
        Assert.Equal("guangdong.lead", revoked["revokedBy"].Str());
        Assert.NotNull(revoked["revokedAt"]);
        var problem = await after.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", after.Content.Headers.ContentType?.MediaType);
        Assert.Contains("X-Api-Key", problem["detail"].Str(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("apt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    public async Task AnyRequest_UnknownApiKey_Returns401ProblemDetails(string key)
    {
        // Act
        var response = await factory.CreateClientWithKey(key).GetRawAsync(HttpApi.Tasks);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(401, problem["status"].Int());
    }

    [Fact]
    public async Task CreateApiKey_AgencyStaff_Returns403()
    {
        // Act
        var response = await factory.CreateClientFor("guangdong.staff").PostAsJsonAsync(InboundApi.ApiKeys, new { name = "gd-staff" });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateApiKey_LeadForAnotherAgency_Returns403()
    {
        // Act
        var response = await _lead.PostAsJsonAsync(InboundApi.ApiKeys, new { name = "hb-system", agency = "hubei" });

        // Assert
        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateApiKey_NdrcPlannerForAnAgency_CreatesItAndTheAgencysLeadSeesIt()
    {
        // Act
        var (_, id) = await factory.CreateClientFor().CreateApiKeyAsync("hb-ndrc-made", "hubei");

        // Assert
        var hubei = await factory.CreateClientFor("hubei.lead").GetJsonAsync($"{InboundApi.ApiKeys}?pageSize=200");
        Assert.Contains(hubei["items"]!.AsArray(), k => k!["id"].Str() == id);
        Assert.All(hubei["items"]!.AsArray(), k => Assert.Equal("hubei", k!["agencyCode"].Str()));
        var guangdong = await _lead.GetJsonAsync($"{InboundApi.ApiKeys}?pageSize=200");
        Assert.DoesNotContain(guangdong["items"]!.AsArray(), k => k!["id"].Str() == id);
    }

    [Fact]
    public async Task RevokeApiKey_AnotherAgencysLead_Returns404AndTheKeyStillWorks()
    {
        // Arrange
        var (key, id) = await _lead.CreateApiKeyAsync("gd-kept");

        // Act
        var response = await factory.CreateClientFor("hubei.lead").DeleteAsync(new Uri($"{InboundApi.ApiKeys}/{id}", UriKind.Relative));

        // Assert
        await response.ExpectAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClientWithKey(key).GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("这是名字")]
    public async Task CreateApiKey_BadName_Returns400NamingName(string name)
    {
        // Act
        var response = await _lead.PostAsJsonAsync(InboundApi.ApiKeys, new { name });

        // Assert
        Assert.Equal(["name"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
    }

    [Fact]
    public async Task CreateApiKey_WithIdempotencyKey_Returns400NamingTheHeaderAndCreatesNothing()
    {
        // Arrange: the answer holds the key, which is never stored, so it could not be replayed.
        var before = (await _lead.GetJsonAsync(InboundApi.ApiKeys))["totalCount"].Int();

        // Act
        var response = await _lead.PostKeyedAsync(InboundApi.ApiKeys, new { name = "gd-keyed" }, "create-once");

        // Assert
        Assert.Equal([InboundApi.IdempotencyKeyHeader], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(before, (await _lead.GetJsonAsync(InboundApi.ApiKeys))["totalCount"].Int());
    }

    [Fact]
    public async Task ApiKeys_CalledWithAnApiKey_Returns403ForListCreateAndRevoke()
    {
        // Arrange
        var (key, id) = await _lead.CreateApiKeyAsync("gd-no-admin");
        var system = factory.CreateClientWithKey(key);

        // Act
        var list = await system.GetRawAsync(InboundApi.ApiKeys);
        var create = await system.PostKeyedAsync(InboundApi.ApiKeys, new { name = "gd-self-made" }, null);
        var revoke = new HttpRequestMessage(HttpMethod.Delete, new Uri($"{InboundApi.ApiKeys}/{id}", UriKind.Relative));
        revoke.Headers.Add(InboundApi.IdempotencyKeyHeader, "revoke-self");
        var revoked = await system.SendAsync(revoke);

        // Assert
        await list.ExpectAsync(HttpStatusCode.Forbidden);
        await create.ExpectAsync(HttpStatusCode.Forbidden);
        await revoked.ExpectAsync(HttpStatusCode.Forbidden);
        await (await system.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnyRequest_WithAnApiKey_RecordsLastUseAtMostOnceAMinute()
    {
        // Arrange
        var (key, id) = await _lead.CreateApiKeyAsync("gd-last-used");
        var system = factory.CreateClientWithKey(key);
        var first = factory.Time.GetUtcNow();

        // Act
        await (await system.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
        factory.Time.Advance(TimeSpan.FromSeconds(40));
        await (await system.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
        var withinTheMinute = await LastUsedAsync(id);
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        await (await system.GetRawAsync(HttpApi.Tasks)).ExpectAsync(HttpStatusCode.OK);
        var afterTheMinute = await LastUsedAsync(id);

        // Assert
        Assert.Equal(first, withinTheMinute);
        Assert.Equal(first + TimeSpan.FromSeconds(70), afterTheMinute);
    }

    private async Task<DateTimeOffset> LastUsedAsync(string id)
    {
        var keys = await _lead.GetJsonAsync($"{InboundApi.ApiKeys}?pageSize=200");
        return keys["items"]!.AsArray().Single(k => k!["id"].Str() == id)!["lastUsedAt"]!.GetValue<DateTimeOffset>();
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

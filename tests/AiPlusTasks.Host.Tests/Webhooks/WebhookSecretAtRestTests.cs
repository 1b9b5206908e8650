using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: stored only encrypted, never in an idempotency record, and a plaintext secret left
/// by an earlier version encrypted (and the idempotency record that repeated it dropped) when the Host starts.
/// </summary>
[Trait("Category", "Security")]
public sealed class WebhookSecretAtRestTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Route = "/api/webhook-subscriptions";
    private static readonly string[] AllTypes = ["*"];
    private readonly HttpClient _lead = factory.CreateClientFor("guangdong.lead");

    [Fact]
    public async Task Create_SecretIsStoredEncrypted()
    {
        var created = await (await _lead.PostAsJsonAsync(Route, new { url = "https://example.com/at-rest", eventTypes = AllTypes })).ExpectAsync(HttpStatusCode.Created);
        var secret = created["secret"].Str();

        var stored = await ScalarAsync(factory.DatabasePath, "SELECT Secret FROM WebhookSubscriptions WHERE Id = $id", ("$id", created["subscription"]!["id"].Str()));

        Assert.StartsWith("dp1:", (string)stored!, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], (string)stored!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithIdempotencyKey_Returns400NamingItAndStoresNoSecret()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Route) { Content = JsonContent.Create(new { url = "https://example.com/keyed", eventTypes = AllTypes }) };
        request.Headers.Add("Idempotency-Key", "subscribe-" + Guid.NewGuid().ToString("N"));

        var response = await _lead.SendAsync(request);

        Assert.Equal(["Idempotency-Key"], (await response.ExpectAsync(HttpStatusCode.BadRequest)).ErrorKeys());
        Assert.Equal(0L, await ScalarAsync(factory.DatabasePath, "SELECT COUNT(*) FROM IdempotencyKeys WHERE Path LIKE '/api/webhook-subscriptions%'"));
        Assert.Equal(0L, await ScalarAsync(factory.DatabasePath, "SELECT COUNT(*) FROM WebhookSubscriptions WHERE Url = 'https://example.com/keyed'"));
    }

    [Fact]
    public async Task Start_PlaintextSecretOfAnEarlierVersion_IsEncryptedAndItsIdempotencyRecordDropped()
    {
        // Arrange: a subscription and a remembered creation answer as an earlier version stored them.
        await using var earlier = new HostFactory();
        var lead = earlier.CreateClientFor("guangdong.lead");
        var created = await (await lead.PostAsJsonAsync(Route, new { url = "https://example.com/earlier", eventTypes = AllTypes })).ExpectAsync(HttpStatusCode.Created);
        var id = created["subscription"]!["id"].Str();
        using (var disable = new HttpRequestMessage(HttpMethod.Post, $"{Route}/{id}/disable"))
        {
            disable.Headers.Add("Idempotency-Key", "earlier-create");
            await (await lead.SendAsync(disable)).ExpectAsync(HttpStatusCode.OK);
        }

        const string plaintext = "whsec_c2VjcmV0LWZyb20tYW4tZWFybGllci12ZXJzaW9uLTEyMzQ1Njc4OTA=";
        await ScalarAsync(earlier.DatabasePath, "UPDATE WebhookSubscriptions SET Secret = $secret WHERE Id = $id", ("$secret", plaintext), ("$id", id));
        await ScalarAsync(
            earlier.DatabasePath,
            "UPDATE IdempotencyKeys SET Path = '/api/webhook-subscriptions', Body = $body WHERE Key = 'earlier-create'",
            ("$body", Encoding.UTF8.GetBytes($"{{\"secret\":\"{plaintext}\"}}")));

        // Act: the Host starts again on that database.
        await using var restarted = new SameDatabaseHostFactory(earlier.DatabasePath);
        _ = restarted.CreateClient();

        // Assert
        var stored = (string)(await ScalarAsync(earlier.DatabasePath, "SELECT Secret FROM WebhookSubscriptions WHERE Id = $id", ("$id", id)))!;
        Assert.StartsWith("dp1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", stored, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync(earlier.DatabasePath, "SELECT COUNT(*) FROM IdempotencyKeys WHERE Key = 'earlier-create'"));
    }

    private static async Task<object?> ScalarAsync(string databasePath, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    private sealed class SameDatabaseHostFactory(string databasePath) : HostFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } =
            new Dictionary<string, string> { ["ConnectionStrings:AiPlusTasks"] = $"Data Source={databasePath}" };
    }
}

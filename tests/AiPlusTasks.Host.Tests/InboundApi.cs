using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests;

/// <summary>The calls the inbound tests make: API keys, clients that use them, and writes with an <c>Idempotency-Key</c>.</summary>
public static class InboundApi
{
    public const string ApiKeys = "/api/api-keys";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Creates an API key (as a lead or NDRC staff); expects 201 and returns the key and its id.</summary>
    public static async Task<(string Key, string Id)> CreateApiKeyAsync(this HttpClient manager, string name, string? agency = null)
    {
        var created = await (await manager.PostAsJsonAsync(ApiKeys, new { name, agency })).ExpectAsync(HttpStatusCode.Created);
        return (created["key"].Str(), created["apiKey"]!["id"].Str());
    }

    /// <summary>A client that authenticates with an API key only.</summary>
    public static HttpClient CreateClientWithKey(this HostFactory factory, string key)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        return client;
    }

    /// <summary>POSTs a JSON body with an <c>Idempotency-Key</c> (none when <paramref name="idempotencyKey"/> is null).</summary>
    public static Task<HttpResponseMessage> PostKeyedAsync(this HttpClient client, string uri, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(uri, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        }

        return client.SendAsync(request);
    }

    /// <summary>
    /// As an NDRC planner, starts <see cref="HttpApi.HumanTaskFixture"/> with its task assigned to <paramref name="agency"/>
    /// and the instance correlated by <paramref name="correlationId"/>; returns the instance and task ids.
    /// </summary>
    public static async Task<(string InstanceId, string TaskId)> StartTaskForAsync(this HttpClient planner, string agency, string? correlationId = null)
    {
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId).WithLiteral("report1", "assigneeAgency", agency);
        await planner.ImportAsync(definition);
        await planner.PublishAsync(definitionId);
        var instance = await planner.StartAsync(definitionId, correlationId);
        var bookmark = Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask");
        return (instance["id"].Str(), bookmark!["key"].Str());
    }

    /// <summary>As an NDRC planner, starts <c>wait-for-event.json</c> (waits for <c>report-approved</c>); returns the instance id.</summary>
    public static async Task<string> StartWaitForEventAsync(this HttpClient planner, string correlationId)
    {
        var definitionId = await planner.ImportAndPublishAsync("wait-for-event.json");
        return (await planner.StartAsync(definitionId, correlationId))["id"].Str();
    }

    /// <summary>The progress reports of a task, as an NDRC planner sees them.</summary>
    public static async Task<JsonArray> ReportsAsync(this HttpClient planner, string taskId) =>
        (await planner.GetJsonAsync($"{HttpApi.Tasks}/{taskId}"))["reports"]!.AsArray();
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests;

/// <summary>The HTTP calls tests make again and again, each asserting the status it needs.</summary>
public static class HttpApi
{
    public const string Definitions = "/api/workflow-definitions";
    public const string Instances = "/api/workflow-instances";

    /// <summary>Posts JSON text as is (so malformed bodies reach the server unchanged).</summary>
    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string uri, string json) =>
        client.PostAsync(new Uri(uri, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Fails with the response body when the status is not the expected one, else returns the body as JSON.</summary>
    public static async Task<JsonNode> ExpectAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            Assert.Fail($"expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }

        return body.Length == 0 ? JsonValue.Create("")! : JsonNode.Parse(body)!;
    }

    /// <summary>Imports a definition; expects 201.</summary>
    public static async Task<JsonNode> ImportAsync(this HttpClient client, JsonObject definition) =>
        await (await client.PostJsonTextAsync(Definitions, definition.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

    /// <summary>Publishes a definition's latest version; expects 200.</summary>
    public static async Task<JsonNode> PublishAsync(this HttpClient client, string definitionId) =>
        await (await client.PostAsync(new Uri($"{Definitions}/{definitionId}/publish", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Imports a fixture under a fresh definition id and publishes it; returns the definition id.</summary>
    public static async Task<string> ImportAndPublishAsync(this HttpClient client, string fixture)
    {
        var definition = DefinitionFixtures.Load(fixture, out var definitionId);
        await client.ImportAsync(definition);
        await client.PublishAsync(definitionId);
        return definitionId;
    }

    /// <summary>Starts an instance; expects 201 and returns the instance view.</summary>
    public static async Task<JsonNode> StartAsync(this HttpClient client, string definitionId, string? correlationId = null, JsonObject? input = null) =>
        await (await client.PostAsJsonAsync(Instances, new { definitionId, correlationId, input })).ExpectAsync(HttpStatusCode.Created);

    /// <summary>GETs a resource; expects 200.</summary>
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string uri) =>
        await (await client.GetAsync(new Uri(uri, UriKind.Relative))).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Every journal entry of an instance, in the order the server returns them.</summary>
    public static async Task<JsonArray> JournalAsync(this HttpClient client, string instanceId) =>
        (await client.GetJsonAsync($"{Instances}/{instanceId}/journal?pageSize=200"))["items"]!.AsArray();

    /// <summary>The <c>errors</c> keys of a validation ProblemDetails.</summary>
    public static IReadOnlyList<string> ErrorKeys(this JsonNode problem) =>
        [.. problem["errors"]!.AsObject().Select(p => p.Key)];

    /// <summary>Every message of a validation ProblemDetails' <c>errors</c>, joined.</summary>
    public static string ErrorText(this JsonNode problem) =>
        string.Join(" | ", problem["errors"]!.AsObject().SelectMany(p => p.Value!.AsArray().Select(m => $"{p.Key}: {m}")));

    public static string Str(this JsonNode? node) => node!.GetValue<string>();

    public static int Int(this JsonNode? node) => node!.GetValue<int>();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Bench.Http;

/// <summary>The few calls the HTTP scenarios make to a running Host, each checked: a wrong answer fails the run.</summary>
internal static class HostApi
{
    /// <summary><c>POST /api/auth/token</c> for a seeded user; the bearer token.</summary>
    public static async Task<string> TokenAsync(HttpClient client, Uri baseAddress, string username)
    {
        using var response = await client.PostAsJsonAsync(new Uri(baseAddress, "api/auth/token"), new { username, password = HostProcess.SeedPassword });
        var body = await ReadAsync(response, $"token for {username}");
        return body["accessToken"]?.GetValue<string>() is { Length: > 0 } token
            ? token
            : throw new BenchmarkFailedException($"token for {username}: no accessToken in {body.ToJsonString()}");
    }

    /// <summary><c>POST /api/workflow-instances</c>; the instance's status.</summary>
    public static async Task<string> StartInstanceAsync(HttpClient client, Uri baseAddress, string token, string definitionId, JsonObject input)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "api/workflow-instances"))
        {
            Content = JsonContent.Create(new JsonObject { ["definitionId"] = definitionId, ["input"] = input }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var body = await ReadAsync(response, $"start {definitionId}", HttpStatusCode.Created);
        return body["status"]?.GetValue<string>() ?? "";
    }

    /// <summary>An authenticated GET that must answer 200 with a JSON object.</summary>
    public static async Task<JsonObject> GetAsync(HttpClient client, Uri address, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return await ReadAsync(response, $"GET {address.PathAndQuery}");
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string what, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new BenchmarkFailedException($"{what}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text) as JsonObject ?? throw new BenchmarkFailedException($"{what}: the body is not a JSON object: {text}");
    }
}

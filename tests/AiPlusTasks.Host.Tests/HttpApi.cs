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
    public const string Tasks = "/api/tasks";

    /// <summary>The fixture whose <c>AiPlus.HumanTask</c> (<c>report1</c>) goes to guangdong with outcomes Submitted and Withdrawn.</summary>
    public const string HumanTaskFixture = "human-task.json";

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

    /// <summary>
    /// As an NDRC planner, imports and publishes <see cref="HumanTaskFixture"/> under a fresh id (optionally with another
    /// task title, agency or priority, a literal of type <paramref name="priorityType"/>), starts it and returns the suspended
    /// instance's id and the id of the task it issued.
    /// </summary>
    public static async Task<(string InstanceId, string TaskId)> StartHumanTaskAsync(
        this HttpClient planner, string? title = null, int? priority = null, string priorityType = "Double", string? agency = null)
    {
        var definition = DefinitionFixtures.Load(HumanTaskFixture, out var definitionId);
        if (agency is not null)
        {
            definition.WithLiteral("report1", "assigneeAgency", agency);
        }

        if (title is not null)
        {
            definition.WithLiteral("report1", "title", title);
        }

        if (priority is not null)
        {
            DefinitionFixtures.Activity(definition, "report1")["priority"] = new JsonObject
            {
                ["typeName"] = priorityType,
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = priority.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            };
        }

        await planner.ImportAsync(definition);
        await planner.PublishAsync(definitionId);
        var instance = await planner.StartAsync(definitionId);
        Assert.True(instance["status"].Str() == "Suspended", $"expected the instance to wait for its task: {instance.ToJsonString()}");
        var bookmark = Assert.Single(instance["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask");
        return (instance["id"].Str(), bookmark!["key"].Str());
    }

    /// <summary>POSTs a JSON body to one of a task's actions (<c>claim</c>, <c>comments</c>, <c>complete</c>…).</summary>
    public static Task<HttpResponseMessage> TaskActionAsync(this HttpClient client, string taskId, string action, object? body = null) =>
        client.PostAsJsonAsync($"{Tasks}/{taskId}/{action}", body ?? new { });

    /// <summary>GETs a path and returns the response as it is, whatever its status.</summary>
    /// <summary>Completes a task with an outcome and data; expects 200.</summary>
    public static async Task CompleteTaskAsync(this HttpClient client, string taskId, string outcome, JsonObject data) =>
        await (await client.TaskActionAsync(taskId, "complete", new { outcome, data })).ExpectAsync(HttpStatusCode.OK);

    /// <summary>The id of the caller's open task of a kind in the case (by correlation id); waits for it to appear.</summary>
    public static async Task<string> OpenCaseTaskAsync(this HttpClient client, string kind, string correlation)
    {
        string? found = null;
        await Eventually.TrueAsync(async () => (found = await client.FindCaseTaskAsync(kind, correlation)) is not null, $"an open {kind} task in case {correlation}");
        return found!;
    }

    /// <summary>The id of the caller's open task of a kind in the case (by correlation id), or null when there is none now.</summary>
    public static async Task<string?> FindCaseTaskAsync(this HttpClient client, string kind, string correlation)
    {
        var inbox = (await client.GetJsonAsync($"{Tasks}?pageSize=200"))["items"]!.AsArray();
        foreach (var item in inbox.Where(t => t!["kind"].Str() == kind))
        {
            if ((await client.GetJsonAsync($"{Tasks}/{item!["id"].Str()}"))["correlationId"]?.GetValue<string>() == correlation)
            {
                return item["id"].Str();
            }
        }

        return null;
    }

    public static Task<HttpResponseMessage> GetRawAsync(this HttpClient client, string uri) =>
        client.GetAsync(new Uri(uri, UriKind.Relative));

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

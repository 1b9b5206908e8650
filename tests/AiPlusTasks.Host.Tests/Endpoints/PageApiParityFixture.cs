using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using AiPlusTasks.Host.Tests.Security;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// A host with one of everything a page can show — a task of guangdong's and one of hubei's, their workflow instance,
/// a webhook subscription of each, an API key of guangdong's — made once, and web clients per role: signed in through
/// the sign-in form (cookie) for people, with nothing for anonymous callers, with an API key for the agency system.
/// </summary>
public sealed class PageApiParityFixture : HostFactory
{
    private readonly Lazy<Task<IReadOnlyDictionary<string, string>>> _ids;
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _pages = new(StringComparer.Ordinal);

    public PageApiParityFixture() => _ids = new(SeedAsync);

    /// <summary>
    /// The ids the rows' paths name: <c>{task}</c>, <c>{instance}</c>, <c>{subscription}</c> — guangdong's, or hubei's
    /// (another agency's for the agency roles) when <paramref name="otherAgency"/>.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> IdsAsync(bool otherAgency = false)
    {
        var ids = await _ids.Value;
        return otherAgency
            ? ids.Where(i => i.Key.EndsWith("-other}", StringComparison.Ordinal)).ToDictionary(i => i.Key.Replace("-other}", "}", StringComparison.Ordinal), i => i.Value)
            : ids;
    }

    /// <summary>A client that does not follow redirects, of the role's user signed in through the form (or none, or a key).</summary>
    public Task<HttpClient> PageClientAsync(string role) => _pages.GetOrAdd(role, r => new(async () => r switch
    {
        _ when MatrixFixture.Users.TryGetValue(r, out var user) => await this.SignInAsync(user),
        "agency-system" => WithKey(this.CreateWebClient(), (await _ids.Value)["{key}"]),
        _ => this.CreateWebClient(),
    })).Value;

    private static HttpClient WithKey(HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Add(InboundApi.ApiKeyHeader, key);
        return client;
    }

    private async Task<IReadOnlyDictionary<string, string>> SeedAsync()
    {
        var planner = CreateClientFor("ndrc.planner");
        var (instanceId, taskId) = await planner.StartHumanTaskAsync(title: "对等检查任务", agency: "guangdong");
        var (_, otherTaskId) = await planner.StartHumanTaskAsync(title: "对等检查任务", agency: "hubei");
        var (key, _) = await CreateClientFor("guangdong.lead").CreateApiKeyAsync("parity-system");
        return new Dictionary<string, string>
        {
            ["{task}"] = taskId,
            ["{task-other}"] = otherTaskId,
            ["{instance}"] = instanceId,
            ["{subscription}"] = await SubscribeAsync("guangdong"),
            ["{subscription-other}"] = await SubscribeAsync("hubei"),
            ["{key}"] = key,
        };
    }

    private async Task<string> SubscribeAsync(string agency)
    {
        var subscription = await (await CreateClientFor($"{agency}.lead").PostAsJsonAsync(
                "/api/webhook-subscriptions",
                new { url = "http://127.0.0.1:9/parity", eventTypes = (string[])["task.created"] }))
            .ExpectAsync(HttpStatusCode.Created);
        return subscription["subscription"]!["id"].Str();
    }

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        // Subscriptions point at 127.0.0.1 (nothing listens), so making one resolves no name.
        ["Webhooks:AllowLoopback"] = "true",
    };
}

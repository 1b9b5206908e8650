using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// A host with one of everything a page can show — a task of guangdong's, its workflow instance, a webhook subscription
/// of guangdong's — made once, and web clients signed in through the sign-in form (cookie), one per user.
/// </summary>
public sealed partial class PageApiParityFixture : HostFactory
{
    private readonly Lazy<Task<IReadOnlyDictionary<string, string>>> _ids;
    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> _pages = new(StringComparer.Ordinal);

    public PageApiParityFixture() => _ids = new(SeedAsync);

    /// <summary>The ids the rows' paths name: <c>{task}</c>, <c>{instance}</c>, <c>{subscription}</c>.</summary>
    public Task<IReadOnlyDictionary<string, string>> IdsAsync() => _ids.Value;

    /// <summary>A client that does not follow redirects, signed in as <paramref name="username"/> by posting the sign-in form.</summary>
    public Task<HttpClient> PageClientAsync(string username) => _pages.GetOrAdd(username, name => new(() => SignInAsync(name))).Value;

    private async Task<IReadOnlyDictionary<string, string>> SeedAsync()
    {
        var (instanceId, taskId) = await CreateClientFor("ndrc.planner").StartHumanTaskAsync(title: "对等检查任务", agency: "guangdong");
        var subscription = await (await CreateClientFor("guangdong.lead").PostAsJsonAsync(
                "/api/webhook-subscriptions",
                new { url = "https://example.com/parity", eventTypes = (string[])["task.created"] }))
            .ExpectAsync(HttpStatusCode.Created);
        return new Dictionary<string, string>
        {
            ["{task}"] = taskId,
            ["{instance}"] = instanceId,
            ["{subscription}"] = subscription["subscription"]!["id"].Str(),
        };
    }

    private async Task<HttpClient> SignInAsync(string username)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await (await client.GetAsync(new Uri("/signin", UriKind.Relative))).Content.ReadAsStringAsync();
        var token = AntiforgeryInput().Match(form) is { Success: true } input && InputValue().Match(input.Value) is { Success: true } value
            ? WebUtility.HtmlDecode(value.Groups["value"].Value)
            : throw new InvalidOperationException($"the sign-in page has no antiforgery token: {form[..Math.Min(form.Length, 3000)]}");
        var response = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = Password,
            ["returnUrl"] = "/inbox",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/inbox",
            $"signing in as {username} answered {(int)response.StatusCode} → {response.Headers.Location}");
        return client;
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex(@"value=""(?<value>[^""]*)""")]
    private static partial Regex InputValue();
}

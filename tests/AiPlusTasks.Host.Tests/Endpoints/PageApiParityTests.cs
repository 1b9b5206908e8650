using System.Net;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// One rule, two doors (docs/decisions/014): for every page and its API twins, each kind of user gets the same answer
/// from both — the page shows its content exactly when every twin answers 2xx, and a refusal (the forbidden notice, a
/// redirect to <c>/forbidden</c>, or the not-found notice) exactly when they answer 403 or 404. Each row also states
/// the answer the rule gives, so the two doors cannot agree on a wrong one unnoticed. Pages are fetched over HTTP with
/// the sign-in cookie and judged by their prerendered HTML.
/// </summary>
public sealed class PageApiParityTests(PageApiParityFixture fixture) : IClassFixture<PageApiParityFixture>
{
    /// <summary>A user of each kind: province staff and lead, ministry lead, NDRC planner, supervisor and auditor.</summary>
    private static readonly string[] Users = ["guangdong.staff", "guangdong.lead", "miit.lead", "ndrc.planner", "ndrc.supervisor", "ndrc.auditor"];

    private static readonly string[] Everyone = Users;
    private static readonly string[] NdrcReaders = ["ndrc.planner", "ndrc.supervisor", "ndrc.auditor"];
    private static readonly string[] Planners = ["ndrc.planner"];
    private static readonly string[] Guangdong = ["guangdong.staff", "guangdong.lead", .. NdrcReaders];

    /// <summary>
    /// Page, the id of an element only its content has, its API twins, and who the rule lets in. <c>{task}</c> is a task
    /// of guangdong's, <c>{instance}</c> its workflow instance, <c>{subscription}</c> a webhook subscription of guangdong's.
    /// </summary>
    private static readonly (string Page, string Content, string[] Apis, string[] Allowed)[] Pages =
    [
        ("/inbox", "inbox-views", ["/api/tasks", "/api/tasks/counts"], Everyone),
        ("/tasks/{task}", "task-title", ["/api/tasks/{task}"], Guangdong),
        ("/dashboard", "progress-trend-section", ["/api/tasks/heatmap", "/api/tasks/progress-trend"], NdrcReaders),
        ("/plans", "plan-list", ["/api/plans"], NdrcReaders),
        ("/plans/ai-plus-2025-2027", "plan-versions", ["/api/plans/ai-plus-2025-2027", "/api/plans/ai-plus-2025-2027/versions", "/api/plans/ai-plus-2025-2027/versions/1/diff"], NdrcReaders),
        ("/integrations", "webhooks", ["/api/webhook-subscriptions"], Everyone),
        ("/users", "user-list", ["/api/users"], ["guangdong.lead", "miit.lead"]),
        ("/integrations/webhooks/{subscription}", "delivery-filter", ["/api/webhook-subscriptions/{subscription}", "/api/webhook-subscriptions/{subscription}/deliveries"], Guangdong),
        ("/designer", "new-workflow-name", ["/api/workflow-definitions"], Planners),
        ("/designer/hello-world", "definition-version", ["/api/workflow-definitions/hello-world"], Planners),
        ("/designer/hello-world/versions", "version-list", ["/api/workflow-definitions/hello-world?version=1"], Planners),
        ("/designer/instances/{instance}", "instance-viewer", ["/api/workflow-instances/{instance}", "/api/workflow-instances/{instance}/journal"], NdrcReaders),
    ];

    /// <summary>Every page with every kind of user.</summary>
    public static TheoryData<string, string, string, bool> Rows()
    {
        var rows = new TheoryData<string, string, string, bool>();
        foreach (var (page, _, _, allowed) in Pages)
        {
            foreach (var user in Users)
            {
                rows.Add(page, user, string.Join(" + ", Pages.Single(p => p.Page == page).Apis), allowed.Contains(user));
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task PageAndApiTwins_SameUser_GiveTheSameAnswer(string page, string user, string apis, bool allowed)
    {
        // Arrange
        var ids = await fixture.IdsAsync();
        var content = Pages.Single(p => p.Page == page).Content;
        var pages = await fixture.PageClientAsync(user);
        var api = fixture.CreateClientFor(user);

        // Act
        var pageAnswer = await PageAnswerAsync(pages, Fill(page, ids), content);
        var apiAnswers = new List<(string Path, HttpStatusCode Status)>();
        foreach (var path in apis.Split(" + "))
        {
            apiAnswers.Add((path, (await api.GetRawAsync(Fill(path, ids))).StatusCode));
        }

        // Assert: every twin agrees with the page, and the page with the rule.
        foreach (var (path, status) in apiAnswers)
        {
            var apiAllowed = (int)status is >= 200 and < 300;
            Assert.True(
                apiAllowed ? pageAnswer == "content" : pageAnswer == "refused" && status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{user}: the page {page} showed {pageAnswer}, but GET {path} answered {(int)status}");
        }

        Assert.True(pageAnswer == (allowed ? "content" : "refused"), $"{user}: the page {page} showed {pageAnswer}; the rule says {(allowed ? "content" : "refused")}");
    }

    /// <summary>
    /// <c>content</c> when the page rendered the element only its content has and no refusal; <c>refused</c> when it
    /// rendered the forbidden or not-found notice without that element, or redirected to <c>/forbidden</c>; otherwise
    /// what it did instead.
    /// </summary>
    private static async Task<string> PageAnswerAsync(HttpClient client, string path, string contentId)
    {
        var response = await client.GetRawAsync(path);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            return location.TrimStart('/').StartsWith("forbidden", StringComparison.Ordinal) || location.Contains("/forbidden", StringComparison.Ordinal)
                ? "refused"
                : $"a redirect to {location}";
        }

        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"status {(int)response.StatusCode}";
        }

        var hasContent = html.Contains($"id=\"{contentId}\"", StringComparison.Ordinal);
        var refusal = html.Contains("id=\"forbidden\"", StringComparison.Ordinal) || html.Contains("data-refusal=\"not-found\"", StringComparison.Ordinal);
        return (hasContent, refusal) switch
        {
            (true, false) => "content",
            (false, true) => "refused",
            (true, true) => "both its content and a refusal",
            _ => "neither its content nor a refusal",
        };
    }

    private static string Fill(string path, IReadOnlyDictionary<string, string> ids) =>
        ids.Aggregate(path, (filled, id) => filled.Replace(id.Key, Uri.EscapeDataString(id.Value), StringComparison.Ordinal));
}

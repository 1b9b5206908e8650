using System.Net;
using AiPlusTasks.Host.Tests.Security;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// One rule, two doors (docs/decisions/014), and both as <c>docs/security.md</c>'s matrix says: for every page (and
/// page section) and each role, the page shows its content exactly when the matrix allows it and every API twin answers
/// 2xx, and a refusal (the forbidden notice, a redirect to <c>/forbidden</c>, the not-found notice, or the section's own
/// notice) exactly when the matrix refuses it and the twins answer 403 or 404. Pages that show one agency's thing are
/// opened with the own agency's and another agency's. Anonymous callers and API keys are sent to sign in. Pages are
/// fetched over HTTP with the sign-in cookie and judged by their prerendered HTML.
/// </summary>
[Trait("Category", "Security")]
public sealed class PageApiParityTests(PageApiParityFixture fixture) : IClassFixture<PageApiParityFixture>
{
    private static readonly AuthorizationMatrix Matrix = AuthorizationMatrix.Load();

    /// <summary>
    /// Each page's matrix row, the path opened, the id of an element only its content has, the id of a section's own
    /// refusal (null: the page's), and its API twins. <c>{task}</c> is a task of guangdong's, <c>{instance}</c> its
    /// workflow instance, <c>{subscription}</c> a webhook subscription of guangdong's; a <c>{…-other}</c> one is hubei's.
    /// Public pages have no twins and show their content to everyone; a step of signing in (no content id) shows its
    /// form only to a pending sign-in, so for the others it must merely open or send on without refusing.
    /// </summary>
    public static readonly IReadOnlyList<(string Row, string Page, string Content, string? Refusal, string[] Apis)> Pages =
    [
        ("PAGE /signin", "/signin", "username", null, []),
        ("PAGE /forbidden", "/forbidden", "forbidden", null, []),
        ("PAGE /account/password", "/account/password", "save-password", null, []),
        ("PAGE /account/two-factor", "/account/two-factor", "verify", null, []),
        ("PAGE /account/two-factor/setup", "/account/two-factor/setup", "enrol", null, []),
        ("PAGE /account/two-factor/recovery-codes", "/account/two-factor/recovery-codes", "recovery-codes-done", null, []),
        ("PAGE /signin/external-refused", "/signin/external-refused?reason=agency", "sso-refused", null, []),
        ("PAGE /", "/", "inbox-views", null, ["/api/tasks", "/api/tasks/counts"]),
        ("PAGE /inbox", "/inbox", "inbox-views", null, ["/api/tasks", "/api/tasks/counts"]),
        ("PAGE /tasks/{TaskId}", "/tasks/{task}", "task-title", null, ["/api/tasks/{task}"]),
        ("PAGE /dashboard", "/dashboard", "progress-trend-section", null, ["/api/tasks/heatmap", "/api/tasks/progress-trend"]),
        ("PAGE /agencies/{Code}", "/agencies/guangdong", "agency-overview", null, ["/api/agencies/guangdong/overview"]),
        ("PAGE /plans", "/plans", "plan-list", null, ["/api/plans"]),
        ("PAGE /bulk", "/bulk", "bulk-jobs", null, ["/api/bulk-jobs"]),
        ("PAGE /plans/{PlanId}", "/plans/ai-plus-2025-2027", "plan-versions", null,
            ["/api/plans/ai-plus-2025-2027", "/api/plans/ai-plus-2025-2027/versions", "/api/plans/ai-plus-2025-2027/versions/1/diff", "/api/plans/ai-plus-2025-2027/amendments"]),
        ("PAGE /calendar", "/calendar?year=2026", "calendar-months", null, ["/api/calendar/2026", "/api/calendar/2026/revisions"]),
        ("PAGE /calendar#editor", "/calendar?year=2026", "calendar-editor", "calendar-read-only", []),
        ("PAGE /notifications", "/notifications", "notifications-filter", null, ["/api/notifications", "/api/notifications/unread-count"]),
        ("PAGE /notifications/settings", "/notifications/settings", "notification-settings", null, ["/api/notifications/preferences"]),
        ("PAGE /delegations", "/delegations", "delegation-list", null, ["/api/delegations"]),
        ("PAGE /notifications/templates", "/notifications/templates", "template-list", null, ["/api/notification-templates"]),
        ("PAGE /notifications/deliveries", "/notifications/deliveries", "deliveries-filters", null, ["/api/notification-deliveries"]),
        ("PAGE /integrations", "/integrations", "webhooks", null, ["/api/webhook-subscriptions"]),
        ("PAGE /integrations#api-keys", "/integrations", "api-key-list", "api-keys-leads-only", ["/api/api-keys"]),
        ("PAGE /integrations/webhooks/{SubscriptionId}", "/integrations/webhooks/{subscription}", "delivery-filter", null,
            ["/api/webhook-subscriptions/{subscription}", "/api/webhook-subscriptions/{subscription}/deliveries"]),
        ("PAGE /users", "/users", "user-list", null, ["/api/users"]),
        ("PAGE /audit", "/audit", "audit-filters", null, ["/api/audit"]),
        ("PAGE /designer", "/designer", "new-workflow-name", null, ["/api/workflow-definitions"]),
        ("PAGE /designer/{DefinitionId}", "/designer/hello-world", "definition-version", null, ["/api/workflow-definitions/hello-world"]),
        ("PAGE /designer/{DefinitionId}/versions", "/designer/hello-world/versions", "version-list", null, ["/api/workflow-definitions/hello-world?version=1"]),
        ("PAGE /designer/{DefinitionId}/instances", "/designer/hello-world/instances", "instances-count", null,
            ["/api/workflow-definitions/hello-world?version=1"]),
        ("PAGE /designer/instances/{InstanceId}", "/designer/instances/{instance}", "instance-viewer", null,
            ["/api/workflow-instances/{instance}", "/api/workflow-instances/{instance}/journal", "/api/workflow-instances/{instance}/children"]),
    ];

    /// <summary>Every page with every role, and the agency roles again with another agency's thing where the page shows one.</summary>
    public static TheoryData<string, string, bool> Rows()
    {
        var rows = new TheoryData<string, string, bool>();
        foreach (var (row, page, _, _, _) in Pages)
        {
            foreach (var role in AuthorizationMatrix.Roles)
            {
                rows.Add(row, role, false);
                if (page.Contains('{', StringComparison.Ordinal) && MatrixFixture.IsAgencyRole(role) && role != "agency-system")
                {
                    rows.Add(row, role, true);
                }
            }
        }

        return rows;
    }

    [Fact]
    public void EveryPageRowOfTheMatrix_IsOpenedHere()
    {
        var missing = Matrix.Rows.Where(r => r.StartsWith("PAGE ", StringComparison.Ordinal) && Pages.All(p => p.Row != r)).ToList();

        Assert.True(missing.Count == 0, $"matrix pages this test does not open (add them to Pages): {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task PageAndApiTwins_EachRole_AnswerAsTheMatrixSays(string row, string role, bool otherAgency)
    {
        // Arrange
        var (_, page, content, sectionRefusal, apis) = Pages.Single(p => p.Row == row);
        var ids = await fixture.IdsAsync(otherAgency);
        var access = Matrix.Access(row, role);
        // A page of one thing shows guangdong's (the own agency's for the agency roles, another's for NDRC users) or hubei's.
        var ownThing = !page.Contains('{', StringComparison.Ordinal) || (MatrixFixture.IsAgencyRole(role) && !otherAgency);
        var allowed = access == MatrixAccess.Allowed || (access == MatrixAccess.Own && ownThing);

        // Act
        var pageAnswer = await PageAnswerAsync(await fixture.PageClientAsync(role), Fill(page, ids), content, sectionRefusal, apis.Length == 0);

        // Assert: the page as the matrix says; for people, every twin agrees with the page.
        if (access == MatrixAccess.SignIn)
        {
            Assert.True(pageAnswer == "sign-in", $"{role}: the page {page} showed {pageAnswer}; the matrix says sign in");
            return;
        }

        Assert.True(pageAnswer == (allowed ? "content" : "refused"), $"{role}: the page {page} showed {pageAnswer}; the matrix says {access}{(otherAgency ? " (another agency's)" : "")}");
        if (!MatrixFixture.Users.TryGetValue(role, out var user))
        {
            return;
        }

        var api = fixture.CreateClientFor(user);
        foreach (var path in apis)
        {
            var status = (await api.GetRawAsync(Fill(path, ids))).StatusCode;
            var apiAllowed = (int)status is >= 200 and < 300;
            Assert.True(
                apiAllowed ? pageAnswer == "content" : pageAnswer == "refused" && status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{user}: the page {page} showed {pageAnswer}, but GET {path} answered {(int)status}");
        }
    }

    /// <summary>
    /// <c>content</c> when the page rendered the element only its content has and no refusal; <c>refused</c> when it
    /// rendered the forbidden or not-found notice (or the section's own) without that element, or redirected to
    /// <c>/forbidden</c>; <c>sign-in</c> for a redirect to sign in; otherwise what it did instead. A public page (no API
    /// twins) is judged by its content alone.
    /// </summary>
    private static async Task<string> PageAnswerAsync(HttpClient client, string path, string contentId, string? sectionRefusal, bool publicPage)
    {
        var response = await client.GetRawAsync(path);
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found)
        {
            var location = response.Headers.Location?.OriginalString ?? "";
            return location.TrimStart('/').StartsWith("forbidden", StringComparison.Ordinal) || location.Contains("/forbidden", StringComparison.Ordinal)
                ? "refused"
                : MatrixProbes.IsSignInChallenge(response) ? "sign-in" : $"a redirect to {location}";
        }

        var html = await response.Content.ReadAsStringAsync();
        // A public page may answer another status with its content (the single sign-on refusal is a 403 by design).
        if (response.StatusCode != HttpStatusCode.OK && !(publicPage && html.Contains($"id=\"{contentId}\"", StringComparison.Ordinal)))
        {
            return $"status {(int)response.StatusCode}";
        }

        var hasContent = html.Contains($"id=\"{contentId}\"", StringComparison.Ordinal);
        var refusal = contentId != "forbidden"
            && (html.Contains("id=\"forbidden\"", StringComparison.Ordinal)
                || html.Contains("data-refusal=\"not-found\"", StringComparison.Ordinal)
                || (sectionRefusal is not null && html.Contains($"id=\"{sectionRefusal}\"", StringComparison.Ordinal)));
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

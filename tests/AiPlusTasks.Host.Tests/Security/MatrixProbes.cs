using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Security;

/// <summary>
/// How the matrix walk calls each route of <c>docs/security.md</c>'s matrix (pages are opened by
/// <c>PageApiParityTests</c>). A route without a probe fails the walk: add one with its row.
/// </summary>
public static class MatrixProbes
{
    private const string Plan = "/api/plans/ai-plus-2025-2027";
    private const string MissingTask = "no-such-task";
    private const string MissingReview = "no-such-review";
    private const string MissingSubscription = "whs_00000000000000000000000000000000";
    private const string MissingKey = "00000000000000000000000000000000";
    private const string MissingDelegation = "dlg_00000000000000000000000000000000";
    private static readonly string MissingSha = new('0', 64);

    /// <summary>The probe of each route, by its matrix row.</summary>
    public static readonly IReadOnlyDictionary<string, MatrixProbe> All = new Dictionary<string, MatrixProbe>(StringComparer.Ordinal)
    {
        // Signing in and the web shell. Allowed means "not refused": these answer redirects and form errors.
        ["POST /api/auth/token"] = new(false, c => c.PostAsync("/api/auth/token", new { username = "guangdong.staff", password = HostFactory.Password }, keyed: false),
            r => r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.TooManyRequests),
        ["POST /account/signin"] = new(false, c => c.Client.PostAsync(new Uri("/account/signin", UriKind.Relative), new FormUrlEncodedContent([])), NotRefused),
        ["POST /account/signout"] = new(false, async c => await (await c.Fixture.WebClientAsync(c.Role)).PostAsync(new Uri("/account/signout", UriKind.Relative), null), NotRefused),
        ["POST /account/password"] = new(false, c => c.Client.PostAsync(new Uri("/account/password", UriKind.Relative), new FormUrlEncodedContent([])), NotRefused),
        ["POST /account/two-factor"] = new(false, c => c.Client.PostAsync(new Uri("/account/two-factor", UriKind.Relative), new FormUrlEncodedContent([])), NotRefused),
        ["POST /account/two-factor/setup"] = new(false, c => c.Client.PostAsync(new Uri("/account/two-factor/setup", UriKind.Relative), new FormUrlEncodedContent([])), NotRefused),
        ["POST /account/two-factor/recovery-codes"] = new(false, c => c.Client.PostAsync(new Uri("/account/two-factor/recovery-codes", UriKind.Relative), new FormUrlEncodedContent([])), NotRefused),
        // The session routes act on a user of the role's own (made for the probe), so the walk's shared tokens stay valid.
        ["POST /api/auth/refresh"] = new(false, async c =>
            await c.PostAsync("/api/auth/refresh", new { refreshToken = (await MatrixUsers.TokensAsync(c)).Refresh }, keyed: false)),
        ["POST /api/auth/signout"] = new(false, async c =>
        {
            if (!MatrixFixture.Users.ContainsKey(c.Role))
            {
                return await c.PostAsync("/api/auth/signout", keyed: false);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/auth/signout", UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", (await MatrixUsers.TokensAsync(c)).Access);
            return await c.Fixture.CreateClient().SendAsync(request);
        }),
        ["POST /api/account/password"] = new(false, async c =>
        {
            var user = await MatrixUsers.CreateAsync(c);
            return await c.PostAsync(
                "/api/account/password", new { username = user, currentPassword = MatrixUsers.Password, newPassword = MatrixUsers.Password + "x" }, keyed: false);
        }),
        ["GET /api/account/contact"] = new(false, c => c.GetAsync("/api/account/contact")),
        ["PUT /api/account/contact"] = new(false, c => c.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri("/api/account/contact", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = "matrix.check@example.gov.cn", mobile = "138 0000 9999" }),
        })),
        ["POST /account/external/{provider}"] = new(false, c => c.Client.PostAsync(new Uri("/account/external/none", UriKind.Relative), new FormUrlEncodedContent([])), NotRefused),
        ["GET /culture"] = new(false, c => c.GetAsync("/culture?culture=en&returnUrl=%2F"), NotRefused),
        ["ANY /health"] = new(false, c => c.GetAsync("/health")),
        ["ANY /health/live"] = new(false, c => c.GetAsync("/health/live")),
        ["ANY /health/ready"] = new(false, c => c.GetAsync("/health/ready")),
        ["ANY /metrics"] = new(false, c => c.GetAsync("/metrics")),
        ["GET /openapi/{documentName}.json"] = new(false, c => c.GetAsync("/openapi/v1.json")),
        ["GET /scalar/{documentName?}"] = new(false, c => c.GetAsync("/scalar/"), NotRefused),
        ["GET /scalar/scalar.js"] = new(false, c => c.GetAsync("/scalar/scalar.js"), NotRefused),
        ["GET /scalar/scalar.aspnetcore.js"] = new(false, c => c.GetAsync("/scalar/scalar.aspnetcore.js"), NotRefused),
        ["GET /scalar/favicon.svg"] = new(false, c => c.GetAsync("/scalar/favicon.svg"), NotRefused),
        ["GET {**path:file}"] = new(false, c => c.GetAsync("/matrix-no-such-file.txt"), NotRefused),
        ["GET /_framework/opaque-redirect"] = new(false, c => c.GetAsync("/_framework/opaque-redirect"), NotRefused),
        ["ANY /_blazor"] = new(false, c => c.GetAsync("/_blazor"), NotRefused),
        ["ANY /_blazor/negotiate"] = new(false, c => c.PostAsync("/_blazor/negotiate?negotiateVersion=1", keyed: false), NotRefused),
        ["ANY /_blazor/disconnect/"] = new(false, c => c.PostAsync("/_blazor/disconnect/", keyed: false), NotRefused),
        ["ANY /_blazor/initializers/"] = new(false, c => c.GetAsync("/_blazor/initializers/"), NotRefused),

        ["GET /api/agencies"] = new(false, c => c.GetAsync("/api/agencies")),
        ["GET /api/catalog"] = new(false, c => c.GetAsync("/api/catalog")),

        ["GET /api/tasks"] = new(false, c => c.GetAsync("/api/tasks?view=all")),
        ["GET /api/tasks/counts"] = new(false, c => c.GetAsync("/api/tasks/counts")),
        ["GET /api/tasks/heatmap"] = new(false, c => c.GetAsync("/api/tasks/heatmap")),
        ["GET /api/tasks/progress-trend"] = new(false, c => c.GetAsync("/api/tasks/progress-trend")),
        ["GET /api/agencies/{code}/overview"] = new(false, c => c.GetAsync("/api/agencies/guangdong/overview")),
        ["GET /api/tasks/{taskId}"] = new(true, async c => await c.GetAsync($"/api/tasks/{await c.ThingAsync(c.Fixture.SharedTaskAsync, MissingTask)}")),
        ["GET /api/tasks/{taskId}/evidence/{sha256}"] = new(true, async c =>
        {
            var (taskId, sha) = c.Agency is { } agency ? await c.Fixture.EvidenceAsync(agency) : (MissingTask, MissingSha);
            return await c.GetAsync($"/api/tasks/{taskId}/evidence/{sha}");
        }),
        ["POST /api/tasks/{taskId}/claim"] = new(true, async c => await c.PostAsync($"/api/tasks/{await FreshTaskAsync(c)}/claim")),
        ["POST /api/tasks/{taskId}/unclaim"] = new(true, async c =>
            await c.PostAsync($"/api/tasks/{await c.ThingAsync(agency => c.Fixture.ClaimedTaskAsync(agency, c.Claimer), MissingTask)}/unclaim")),
        ["POST /api/tasks/{taskId}/reassign"] = new(true, async c =>
            await c.PostAsync($"/api/tasks/{await FreshTaskAsync(c)}/reassign", new { user = $"{c.Agency ?? MatrixFixture.OwnAgency}.staff" })),
        ["POST /api/tasks/{taskId}/comments"] = new(true, async c =>
            await c.PostAsync($"/api/tasks/{await c.ThingAsync(c.Fixture.SharedTaskAsync, MissingTask)}/comments", new { text = "矩阵检查 matrix check" })),
        ["POST /api/tasks/{taskId}/progress-reports"] = new(true, async c =>
            await c.PostAsync($"/api/tasks/{await c.ThingAsync(c.Fixture.SharedTaskAsync, MissingTask)}/progress-reports", ScenarioForms.Report(40))),
        ["POST /api/tasks/{taskId}/complete"] = new(true, async c =>
            await c.PostAsync($"/api/tasks/{await FreshTaskAsync(c)}/complete", new { outcome = "Submitted", data = new { progress = 50 } })),
        ["POST /api/tasks/{taskId}/urge"] = new(true, async c => await c.PostAsync($"/api/tasks/{await FreshTaskAsync(c)}/urge", new { message = "请按时报送 please report" })),
        ["POST /api/tasks/{taskId}/extend-due"] = new(true, async c =>
            await c.PostAsync($"/api/tasks/{await FreshTaskAsync(c)}/extend-due", new { dueAt = new DateTimeOffset(2099, 12, 31, 16, 0, 0, TimeSpan.Zero), reason = "矩阵检查 matrix check" })),
        ["GET /api/reviews/{reviewId}"] = new(true, async c => await c.GetAsync($"/api/reviews/{await ReviewAsync(c)}")),
        ["POST /api/reviews/{reviewId}/reviewers"] = new(true, async c =>
            await c.PostAsync($"/api/reviews/{await ReviewAsync(c)}/reviewers", new { agency = "most", role = "lead", reason = "矩阵检查 matrix check" })),
        ["POST /api/reviews/{reviewId}/reviewers/{reviewerId}/remove"] = new(true, async c =>
        {
            var (reviewId, reviewerId) = c.Agency is { } agency ? await c.Fixture.StartReviewAsync(agency) : (MissingReview, MissingReview);
            return await c.PostAsync($"/api/reviews/{reviewId}/reviewers/{reviewerId}/remove", new { reason = "矩阵检查 matrix check" });
        }),
        ["POST /api/events/{name}"] = new(true, async c =>
            await c.PostAsync("/api/events/report-approved", new { correlationId = await c.ThingAsync(c.Fixture.WaitingCorrelationAsync, "no-such-correlation"), payload = new { approved = true } })),

        ["GET /api/workflow-definitions"] = new(false, c => c.GetAsync("/api/workflow-definitions")),
        ["POST /api/workflow-definitions"] = new(false, c => c.PostAsync("/api/workflow-definitions", DefinitionFixtures.Load("write-line.json", out _))),
        ["GET /api/workflow-definitions/{definitionId}"] = new(false, async c => await c.GetAsync($"/api/workflow-definitions/{await c.Fixture.DefinitionAsync()}")),
        ["POST /api/workflow-definitions/{definitionId}/publish"] = new(false, async c => await c.PostAsync($"/api/workflow-definitions/{await c.Fixture.DraftDefinitionAsync()}/publish")),
        ["GET /api/workflow-instances"] = new(false, c => c.GetAsync("/api/workflow-instances")),
        ["POST /api/workflow-instances"] = new(false, async c => await c.PostAsync("/api/workflow-instances", new { definitionId = await c.Fixture.DefinitionAsync() })),
        ["GET /api/workflow-instances/{instanceId}"] = new(false, async c => await c.GetAsync($"/api/workflow-instances/{await c.Fixture.InstanceAsync()}")),
        ["GET /api/workflow-instances/{instanceId}/journal"] = new(false, async c => await c.GetAsync($"/api/workflow-instances/{await c.Fixture.InstanceAsync()}/journal")),
        ["GET /api/workflow-instances/{instanceId}/children"] = new(false, async c => await c.GetAsync($"/api/workflow-instances/{await c.Fixture.InstanceAsync()}/children")),
        ["POST /api/workflow-instances/{instanceId}/cancel"] = new(false, async c => await c.PostAsync($"/api/workflow-instances/{await c.Fixture.WaitingInstanceAsync()}/cancel")),
        // A waiting instance has no incident: the planner gets its 409, everyone else the refusal (checked first).
        ["POST /api/workflow-instances/{instanceId}/retry"] = new(false, async c => await c.PostAsync($"/api/workflow-instances/{await c.Fixture.WaitingInstanceAsync()}/retry", new { reason = "矩阵检查" }), NotRefused),
        ["POST /api/workflow-instances/{instanceId}/skip"] = new(false, async c =>
            await c.PostAsync($"/api/workflow-instances/{await c.Fixture.WaitingInstanceAsync()}/skip", new { outcome = "Done", reason = "矩阵检查" }), NotRefused),
        ["POST /api/workflow-instances/migrations/preview"] = new(false, async c =>
            await c.PostAsync("/api/workflow-instances/migrations/preview", new { definitionId = await c.Fixture.DefinitionAsync(), targetVersion = 1, mapping = new { } })),
        ["POST /api/workflow-instances/{instanceId}/migrate"] = new(false, async c =>
            await c.PostAsync($"/api/workflow-instances/{await c.Fixture.WaitingInstanceAsync()}/migrate", new { targetVersion = 1, mapping = new { } })),

        ["GET /api/plans"] = new(false, c => c.GetAsync("/api/plans")),
        ["GET /api/plans/{planId}"] = new(false, c => c.GetAsync(Plan)),
        ["GET /api/plans/{planId}/versions"] = new(false, c => c.GetAsync($"{Plan}/versions")),
        ["GET /api/plans/{planId}/versions/{number:int}"] = new(false, c => c.GetAsync($"{Plan}/versions/1")),
        ["GET /api/plans/{planId}/versions/{number:int}/diff"] = new(false, c => c.GetAsync($"{Plan}/versions/1/diff")),
        ["GET /api/plans/{planId}/amendments"] = new(false, c => c.GetAsync($"{Plan}/amendments")),
        ["GET /api/plans/{planId}/ledger.{format}"] = new(false, c => c.GetAsync($"{Plan}/ledger.csv")),
        ["GET /api/agencies/{code}/reports.{format}"] = new(true, c => c.GetAsync($"/api/agencies/{c.Agency ?? "no-such-agency"}/reports.csv?period=week")),
        ["POST /api/plans/{planId}/roll"] = new(false, c => c.PostAsync($"{Plan}/roll")),
        ["POST /api/plans/{planId}/roll/preview"] = new(false, c => c.PostAsync($"{Plan}/roll/preview")),
        ["GET /api/calendar/{year:int}"] = new(false, c => c.GetAsync("/api/calendar/2026")),
        ["GET /api/calendar/{year:int}/revisions"] = new(false, c => c.GetAsync("/api/calendar/2026/revisions")),
        ["GET /api/calendar/add-working-days"] = new(false, c => c.GetAsync("/api/calendar/add-working-days?from=2026-09-28&days=10")),
        ["GET /api/calendar/working-days"] = new(false, c => c.GetAsync("/api/calendar/working-days?from=2026-09-28&to=2026-10-16")),
        // A year far off, so the walk's corrections change nothing another test counts on.
        ["POST /api/calendar/{year:int}/revisions"] = new(false, c => c.PostAsync("/api/calendar/2099/revisions", new { days = Array.Empty<object>(), reason = "matrix probe" })),
        ["GET /api/notifications"] = new(false, c => c.GetAsync("/api/notifications")),
        ["GET /api/notifications/unread-count"] = new(false, c => c.GetAsync("/api/notifications/unread-count")),
        ["POST /api/notifications/{id:long}/read"] = new(false, c => c.PostAsync("/api/notifications/999999999/read"), NotRefused),
        ["POST /api/notifications/read-all"] = new(false, c => c.PostAsync("/api/notifications/read-all")),
        ["GET /api/notifications/preferences"] = new(false, c => c.GetAsync("/api/notifications/preferences")),
        ["PUT /api/notifications/preferences"] = new(false, c => c.PutAsync("/api/notifications/preferences", new { language = "zh" })),
        // Delegations: each made for days of its own (a fresh range per call), so no two probes overlap or chain.
        ["GET /api/delegations"] = new(false, c => c.GetAsync("/api/delegations")),
        ["GET /api/delegations/choices"] = new(false, c => c.GetAsync("/api/delegations/choices")),
        ["POST /api/delegations"] = new(false, c => c.PostAsync("/api/delegations", DelegationBody(c, c.Role switch
        {
            "agency-staff" => (null, "guangdong.lead"),
            "agency-lead" => (null, "guangdong.staff"),
            "ndrc-planner" => (null, "ndrc.supervisor"),
            "ndrc-admin" => ("guangdong.staff", "guangdong.lead"),
            _ => (null, "ndrc.planner"),
        }))),
        ["POST /api/delegations/{id}/revoke"] = new(true, async c =>
            await c.PostAsync($"/api/delegations/{await c.ThingAsync(a => FreshDelegationAsync(c, a), MissingDelegation)}/revoke", new { reason = "矩阵检查 matrix check" })),
        ["GET /api/notification-templates"] = new(false, c => c.GetAsync("/api/notification-templates")),
        ["PUT /api/notification-templates/{kind}/{channel}/{language}"] = new(false, c => c.PutAsync("/api/notification-templates/urge/email/zh", new { subject = "", body = "" }), NotRefused),
        ["DELETE /api/notification-templates/{kind}/{channel}/{language}"] = new(false, c => c.DeleteAsync("/api/notification-templates/urge/email/zh")),
        ["POST /api/notification-templates/preview"] = new(false, c => c.PostAsync("/api/notification-templates/preview", new { kind = "urge", channel = "email", language = "zh", subject = "催办：{title}", body = "请尽快办理：{title}" }), NotRefused),
        // Default limits: the walk's fresh rows are far too young to be pruned or archived.
        ["POST /api/retention/run"] = new(false, c => c.PostAsync("/api/retention/run")),
        ["GET /api/notification-deliveries"] = new(false, c => c.GetAsync("/api/notification-deliveries")),
        ["POST /api/plans/{planId}/amendments"] = new(false, c => c.PostAsync($"{Plan}/amendments", new
        {
            @static = new { milestones = (int[])[2027, 2030] },
            reason = "矩阵检查 matrix check",
        })),

        ["GET /api/webhook-subscriptions"] = new(false, c => c.GetAsync("/api/webhook-subscriptions")),
        ["POST /api/webhook-subscriptions"] = new(false, c => c.PostAsync("/api/webhook-subscriptions", new
        {
            url = $"http://127.0.0.1:9/matrix/{c.Fixture.Next()}",
            eventTypes = (string[])["task.created"],
        }, keyed: false)),
        ["GET /api/webhook-subscriptions/{id}"] = new(true, async c =>
            await c.GetAsync($"/api/webhook-subscriptions/{await c.ThingAsync(a => c.Fixture.SubscriptionAsync(a), MissingSubscription)}")),
        ["GET /api/webhook-subscriptions/{id}/deliveries"] = new(true, async c =>
            await c.GetAsync($"/api/webhook-subscriptions/{await c.ThingAsync(a => c.Fixture.SubscriptionAsync(a), MissingSubscription)}/deliveries")),
        ["DELETE /api/webhook-subscriptions/{id}"] = new(true, async c =>
            await c.DeleteAsync($"/api/webhook-subscriptions/{await c.ThingAsync(a => c.Fixture.SubscriptionAsync(a, fresh: true), MissingSubscription)}")),
        ["POST /api/webhook-subscriptions/{id}/enable"] = new(true, async c =>
            await c.PostAsync($"/api/webhook-subscriptions/{await c.ThingAsync(a => c.Fixture.SubscriptionAsync(a, fresh: true), MissingSubscription)}/enable")),
        ["POST /api/webhook-subscriptions/{id}/disable"] = new(true, async c =>
            await c.PostAsync($"/api/webhook-subscriptions/{await c.ThingAsync(a => c.Fixture.SubscriptionAsync(a, fresh: true), MissingSubscription)}/disable")),
        ["POST /api/webhook-subscriptions/{id}/deliveries/{deliveryId:long}/redeliver"] = new(true, async c =>
        {
            var (subscriptionId, deliveryId) = c.Agency is { } agency ? await c.Fixture.FailedDeliveryAsync(agency) : (MissingSubscription, 1L);
            return await c.PostAsync($"/api/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/redeliver");
        }),

        // Bulk jobs: the own agency's open tasks "reassigned" to where they are, so every item is skipped and nothing moves.
        ["POST /api/bulk-jobs/preview"] = new(false, c => c.PostAsync("/api/bulk-jobs/preview", SkippingBulkJob(0))),
        ["POST /api/bulk-jobs"] = new(false, async c =>
        {
            await c.Fixture.StartTaskAsync(MatrixFixture.OwnAgency);
            return await c.PostAsync("/api/bulk-jobs", SkippingBulkJob(await SkippingBulkJobCountAsync(c)));
        }),
        ["GET /api/bulk-jobs"] = new(false, c => c.GetAsync("/api/bulk-jobs")),
        ["GET /api/bulk-jobs/{id}"] = new(false, async c => await c.GetAsync($"/api/bulk-jobs/{await BulkJobAsync(c)}")),
        ["GET /api/bulk-jobs/{id}/items"] = new(false, async c => await c.GetAsync($"/api/bulk-jobs/{await BulkJobAsync(c)}/items")),
        // The job may have finished before the cancel arrives: a 409 is the allowed answer then.
        ["POST /api/bulk-jobs/{id}/cancel"] = new(false, async c => await c.PostAsync($"/api/bulk-jobs/{await BulkJobAsync(c)}/cancel"),
            r => r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.Conflict),
        ["GET /api/audit"] = new(false, c => c.GetAsync("/api/audit")),
        ["GET /api/audit/export.csv"] = new(false, c => c.GetAsync("/api/audit/export.csv?action=calendar.revise")),
        ["GET /api/audit/verify"] = new(false, c => c.GetAsync("/api/audit/verify")),

        ["GET /api/api-keys"] = new(false, c => c.GetAsync("/api/api-keys")),
        ["POST /api/api-keys"] = new(false, c => c.PostAsync("/api/api-keys", new { name = $"matrix-made-{c.Fixture.Next()}" }, keyed: false)),
        ["DELETE /api/api-keys/{id}"] = new(true, async c => await c.DeleteAsync($"/api/api-keys/{await c.ThingAsync(c.Fixture.ApiKeyIdAsync, MissingKey)}")),

        // User administration: each call that names a user names a fresh one (staff of the agency, made by the NDRC
        // administrator), so disabling and resetting touch no user another probe signs in as.
        ["GET /api/users"] = new(false, c => c.GetAsync("/api/users")),
        ["POST /api/users"] = new(false, c => c.PostAsync("/api/users", new { username = $"matrix-made-{c.Fixture.Next()}", displayName = "矩阵检查", roles = (string[])["agency-staff"] }, keyed: false)),
        ["GET /api/users/{username}"] = new(true, async c => await c.GetAsync($"/api/users/{await FreshUserAsync(c)}")),
        ["PATCH /api/users/{username}"] = new(true, async c =>
        {
            var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"/api/users/{await FreshUserAsync(c)}", UriKind.Relative))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { displayName = "矩阵检查改名" }),
            };
            request.Headers.TryAddWithoutValidation(InboundApi.IdempotencyKeyHeader, $"matrix-{c.Fixture.Next()}");
            return await c.Client.SendAsync(request);
        }),
        ["POST /api/users/{username}/disable"] = new(true, async c => await c.PostAsync($"/api/users/{await FreshUserAsync(c)}/disable")),
        ["POST /api/users/{username}/enable"] = new(true, async c => await c.PostAsync($"/api/users/{await FreshUserAsync(c)}/enable")),
        ["POST /api/users/{username}/reset-password"] = new(true, async c => await c.PostAsync($"/api/users/{await FreshUserAsync(c)}/reset-password", keyed: false)),
    };

    /// <summary>
    /// Whether the route was refused: 401 or 403, or a redirect to sign in (the cookie's challenge names a
    /// <c>ReturnUrl</c>; signing out's own redirect to <c>/signin</c> does not).
    /// </summary>
    public static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden || IsSignInChallenge(response);

    /// <summary>The cookie scheme's challenge: a redirect to <c>/signin?ReturnUrl=…</c>.</summary>
    public static bool IsSignInChallenge(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
        && response.Headers.Location?.OriginalString is { } location
        && location.Contains("/signin", StringComparison.Ordinal)
        && location.Contains("ReturnUrl", StringComparison.OrdinalIgnoreCase);

    /// <summary>For routes that answer forms and redirects: allowed is anything but a refusal or a server error.</summary>
    private static bool NotRefused(HttpResponseMessage response) => !IsRefused(response) && (int)response.StatusCode < 500;

    /// <summary>A fresh staff user of the scope's agency, made by the NDRC administrator; a missing one's name otherwise.</summary>
    private static Task<string> FreshUserAsync(MatrixProbeContext c) => c.ThingAsync(
        async agency => (await c.Fixture.CreateClientFor("ndrc.admin").CreateUserAsync($"{agency}.matrix-{c.Fixture.Next()}", "矩阵检查", ["agency-staff"], agency))["user"]!["username"].Str(),
        "no.such.user");

    private static Task<string> ReviewAsync(MatrixProbeContext c) => c.ThingAsync(async agency => (await c.Fixture.StartReviewAsync(agency)).ReviewId, MissingReview);

    /// <summary>A delegation body for two days of its own in 2027–2029 (after the fixture's clock), from <c>from</c> (null: the caller) to <c>to</c>.</summary>
    private static object DelegationBody(MatrixProbeContext c, (string? From, string To) people)
    {
        var starts = new DateOnly(2027, 1, 1).AddDays(c.Fixture.Next() * 3);
        return new { fromUser = people.From, toUser = people.To, startsOn = starts, endsOn = starts.AddDays(1), reason = "矩阵检查 matrix check" };
    }

    /// <summary>A fresh delegation of the agency: its staff's work to its lead, made by the lead.</summary>
    private static async Task<string> FreshDelegationAsync(MatrixProbeContext c, string agency)
    {
        var response = await c.Fixture.CreateClientFor($"{agency}.lead").PostAsJsonAsync("/api/delegations", DelegationBody(c, ($"{agency}.staff", $"{agency}.lead")));
        return (await response.ExpectAsync(HttpStatusCode.Created))["id"].Str();
    }

    /// <summary>A bulk reassignment of the own agency's open tasks to that same agency: every item is skipped.</summary>
    private static object SkippingBulkJob(int expectedCount) => new
    {
        operation = "reassign",
        filter = new { agency = MatrixFixture.OwnAgency },
        parameters = new { agency = MatrixFixture.OwnAgency },
        expectedCount,
    };

    /// <summary>How many items <see cref="SkippingBulkJob"/> selects now (previewed by the NDRC planner).</summary>
    private static async Task<int> SkippingBulkJobCountAsync(MatrixProbeContext c)
    {
        var planner = c.Fixture.CreateClientFor("ndrc.planner");
        var preview = await (await planner.PostAsJsonAsync("/api/bulk-jobs/preview?sample=1", SkippingBulkJob(0))).ExpectAsync(HttpStatusCode.OK);
        return Math.Max(1, preview["total"].Int());
    }

    /// <summary>A fresh bulk job made by the NDRC planner (at least one task of the own agency first, so it selects something).</summary>
    private static async Task<string> BulkJobAsync(MatrixProbeContext c)
    {
        await c.Fixture.StartTaskAsync(MatrixFixture.OwnAgency);
        var planner = c.Fixture.CreateClientFor("ndrc.planner");
        var response = await planner.PostAsJsonAsync("/api/bulk-jobs", SkippingBulkJob(await SkippingBulkJobCountAsync(c)));
        return (await response.ExpectAsync(HttpStatusCode.Created))["id"].Str();
    }

    private static Task<string> FreshTaskAsync(MatrixProbeContext c) => c.ThingAsync(agency => c.Fixture.StartTaskAsync(agency), MissingTask);
}

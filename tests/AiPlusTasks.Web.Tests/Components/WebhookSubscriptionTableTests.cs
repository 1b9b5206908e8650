using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class WebhookSubscriptionTableTests : WebContext
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);

    private static WebhookSubscriptionView Subscription(
        string id = "whs_1",
        string url = "https://agency.example.cn/hook",
        string? description = null,
        bool active = true,
        int failures = 0,
        DateTimeOffset? disabledAt = null,
        string? reason = null,
        DateTimeOffset? lastDeliveredAt = null,
        int pending = 0,
        params string[] eventTypes) =>
        new(id, "guangdong", url, eventTypes.Length == 0 ? [WebhookEventTypes.All] : eventTypes, description, active, failures, disabledAt, reason,
            "guangdong.lead", CreatedAt, lastDeliveredAt, pending);

    private IRenderedComponent<WebhookSubscriptionTable> RenderTable(bool canManage, params WebhookSubscriptionView[] items) =>
        Render<WebhookSubscriptionTable>(p => p.Add(c => c.Items, items).Add(c => c.CanManage, canManage));

    [Theory]
    [InlineData("zh-CN", "因连续投递失败已自动停用", "停用时间: 2026-12-15 16:30", "从未")]
    [InlineData("en", "Turned off after failing deliveries", "Turned off at: 2026-12-15 16:30", "Never")]
    public void Render_TurnedOffByFailures_ShowsStatusReasonAndTimeInCulture(string culture, string status, string disabledAt, string never)
    {
        UseCulture(culture);
        var reason = WebhookSubscriptionView.TurnedOffByFailuresPrefix + "40 failed attempts in a row; the last: HTTP 503";

        var cut = RenderTable(false, Subscription(active: false, failures: 40, disabledAt: new DateTimeOffset(2026, 12, 15, 8, 30, 0, TimeSpan.Zero), reason: reason, pending: 7));

        Assert.Equal(status, cut.Find(".webhook-status").TextContent.Trim());
        Assert.Equal(disabledAt, cut.Find(".webhook-disabled-at").TextContent.Trim());
        Assert.EndsWith(reason, cut.Find(".webhook-reason").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("40", cut.Find(".webhook-failures").TextContent.Trim());
        Assert.Equal("7", cut.Find(".webhook-pending").TextContent.Trim());
        Assert.Equal(never, cut.Find(".webhook-last-delivered").TextContent.Trim());
    }

    [Theory]
    [InlineData("zh-CN", "已停用", "启用中")]
    [InlineData("en", "Turned off", "Active")]
    public void Render_TurnedOffByAPersonAndActive_PlainStatuses(string culture, string turnedOff, string active)
    {
        UseCulture(culture);

        var cut = RenderTable(false,
            Subscription("whs_off", active: false, disabledAt: CreatedAt, reason: "turned off by guangdong.lead"),
            Subscription("whs_on", lastDeliveredAt: new DateTimeOffset(2026, 12, 14, 16, 5, 0, TimeSpan.Zero)));

        Assert.Equal([turnedOff, active], cut.FindAll(".webhook-status").Select(e => e.TextContent.Trim()));
        Assert.Equal("turned off by guangdong.lead", cut.Find(".webhook-reason").TextContent.Split(':', 2)[1].Trim());
        Assert.Equal("2026-12-15 00:05", cut.FindAll(".webhook-last-delivered")[1].TextContent.Trim());
    }

    [Theory]
    [InlineData("zh-CN", "任务创建 (task.created)、任务认领 (task.claimed)、future.type")]
    [InlineData("en", "Task created (task.created), Task claimed (task.claimed), future.type")]
    public void Render_EventTypes_NamedInCultureUnknownAsCode(string culture, string expected)
    {
        UseCulture(culture);

        var cut = RenderTable(false, Subscription(eventTypes: ["task.created", "task.claimed", "future.type"]));

        Assert.Equal(expected, cut.Find(".webhook-event-types").TextContent.Trim());
    }

    [Fact]
    public void Render_UrlAndDescriptionWithScript_RenderAsText()
    {
        UseCulture("zh-CN");
        const string url = "https://agency.example.cn/hook?<script>alert(1)</script>";
        const string description = "<script>alert('x')</script><b>bold</b>";

        var cut = RenderTable(true, Subscription(url: url, description: description, active: false, reason: "<img src=x onerror=alert(1)>"));

        Assert.Equal(url, cut.Find(".webhook-url").TextContent);
        Assert.Equal(description, cut.Find(".webhook-description").TextContent.Trim());
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NotAManager_NoControlsButTheDeliveryLogLink()
    {
        UseCulture("zh-CN");

        var cut = RenderTable(false, Subscription("whs_a"), Subscription("whs_b", active: false));

        Assert.Empty(cut.FindAll("button"));
        Assert.Equal(["integrations/webhooks/whs_a", "integrations/webhooks/whs_b"], cut.FindAll("a.webhook-deliveries-link").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Click_ManagerButtons_ReportWhichSubscriptionAndWhat()
    {
        UseCulture("en");
        var active = Subscription("whs_on", url: "https://a.example.cn/hook");
        var inactive = Subscription("whs_off", url: "https://b.example.cn/hook", active: false);
        var changes = new List<(string, bool)>();
        var deleted = new List<string>();
        var cut = Render<WebhookSubscriptionTable>(p => p
            .Add(c => c.Items, [active, inactive])
            .Add(c => c.CanManage, true)
            .Add(c => c.OnSetActive, change => changes.Add((change.Subscription.Id, change.Active)))
            .Add(c => c.OnDelete, s => deleted.Add(s.Id)));

        cut.Find("button.webhook-disable").Click();
        cut.Find("button.webhook-enable").Click();
        cut.FindAll("button.webhook-delete")[1].Click();

        Assert.Equal([("whs_on", false), ("whs_off", true)], changes);
        Assert.Equal(["whs_off"], deleted);
        Assert.Equal("Turn off subscription https://a.example.cn/hook", cut.Find("button.webhook-disable").GetAttribute("aria-label"));
    }
}

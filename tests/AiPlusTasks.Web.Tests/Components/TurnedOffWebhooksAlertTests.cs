using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class TurnedOffWebhooksAlertTests : WebContext
{
    private static WebhookSubscriptionView TurnedOff(string id, string url) =>
        new(id, "guangdong", url, [WebhookEventTypes.All], null, false, 40, new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero),
            WebhookSubscriptionView.TurnedOffByFailuresPrefix + "40 failed attempts in a row", "guangdong.lead", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), null, 3);

    [Fact]
    public void Render_None_NothingShows()
    {
        UseCulture("zh-CN");

        var cut = Render<TurnedOffWebhooksAlert>(p => p.Add(c => c.Subscriptions, []));

        Assert.Empty(cut.FindAll("#webhook-notice"));
    }

    [Theory]
    [InlineData("zh-CN", "以下 2 个事件推送订阅因连续投递失败已被自动停用")]
    [InlineData("en", "2 webhook subscription(s) were turned off after failing deliveries")]
    public void Render_TurnedOff_AlertNamesEachUrlAsTextAndLinksToIntegrations(string culture, string text)
    {
        UseCulture(culture);
        const string hostile = "https://b.example.cn/<script>alert(1)</script>";

        var cut = Render<TurnedOffWebhooksAlert>(p => p.Add(c => c.Subscriptions, [TurnedOff("whs_a", "https://a.example.cn/hook"), TurnedOff("whs_b", hostile)]));

        var alert = cut.Find("#webhook-notice");
        Assert.Equal("alert", alert.GetAttribute("role"));
        Assert.Contains(text, alert.TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://a.example.cn/hook", hostile], cut.FindAll(".webhook-notice-url").Select(e => e.TextContent));
        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("integrations", cut.Find("#webhook-notice-link").GetAttribute("href"));
    }
}

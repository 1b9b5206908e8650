using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Web.Components;
using Bunit;

namespace AiPlusTasks.Web.Tests.Components;

public sealed class WebhookDeliveryTableTests : WebContext
{
    private static readonly DateTimeOffset At = new(2026, 12, 15, 1, 0, 0, TimeSpan.Zero);

    private static WebhookDeliveryView Delivery(long id, WebhookDeliveryState state, int? status = null, string? error = null) =>
        new(id, "evt_" + id, "task.created", state, 2, At, At.AddMinutes(1), state == WebhookDeliveryState.Pending ? At.AddMinutes(5) : null, status, error,
            state == WebhookDeliveryState.Delivered ? At.AddMinutes(1) : null);

    [Theory]
    [InlineData("zh-CN", new[] { "待投递", "已送达", "失败" }, "任务创建 (task.created)")]
    [InlineData("en", new[] { "Pending", "Delivered", "Failed" }, "Task created (task.created)")]
    public void Render_Deliveries_StatesEventAndTimesInCulture(string culture, string[] states, string eventType)
    {
        UseCulture(culture);

        var cut = Render<WebhookDeliveryTable>(p => p.Add(c => c.Items, [
            Delivery(3, WebhookDeliveryState.Pending, 503, "HTTP 503 <Service Unavailable>"),
            Delivery(2, WebhookDeliveryState.Delivered, 200),
            Delivery(1, WebhookDeliveryState.Failed, null, "connection refused")]));

        Assert.Equal(states, cut.FindAll(".delivery-state").Select(e => e.TextContent.Trim()));
        Assert.All(cut.FindAll(".delivery-event-type"), e => Assert.Equal(eventType, e.TextContent.Trim()));
        Assert.Equal(["evt_3", "evt_2", "evt_1"], cut.FindAll(".delivery-event-id").Select(e => e.TextContent));
        Assert.Equal("HTTP 503 <Service Unavailable>", cut.Find(".delivery-error").TextContent.Trim());
        var pendingTimes = cut.Find(".delivery-times").TextContent;
        Assert.Contains("2026-12-15 09:00", pendingTimes, StringComparison.Ordinal);
        Assert.Contains("2026-12-15 09:05", pendingTimes, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Manager_RedeliverOnDeliveredAndFailedOnly()
    {
        UseCulture("en");
        var redelivered = new List<long>();
        var cut = Render<WebhookDeliveryTable>(p => p
            .Add(c => c.Items, [Delivery(3, WebhookDeliveryState.Pending), Delivery(2, WebhookDeliveryState.Delivered), Delivery(1, WebhookDeliveryState.Failed)])
            .Add(c => c.CanManage, true)
            .Add(c => c.OnRedeliver, d => redelivered.Add(d.Id)));

        var buttons = cut.FindAll("button.delivery-redeliver");
        Assert.Equal(2, buttons.Count);
        Assert.Equal("Redeliver task.created event evt_2", buttons[0].GetAttribute("aria-label"));
        buttons[1].Click();

        Assert.Equal([1L], redelivered);
    }

    [Fact]
    public void Render_NotAManager_NoRedeliver()
    {
        UseCulture("zh-CN");

        var cut = Render<WebhookDeliveryTable>(p => p.Add(c => c.Items, [Delivery(1, WebhookDeliveryState.Failed)]));

        Assert.Empty(cut.FindAll("button"));
    }
}

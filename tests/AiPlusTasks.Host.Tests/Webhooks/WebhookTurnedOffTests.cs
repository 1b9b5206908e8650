using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// Telling a subscription the dispatcher turned off (its deliveries kept failing) from one a person turned off: the
/// API's <c>turnedOffByFailures</c> and the owners' notice query (<see cref="WebhookSubscriptionService.ListTurnedOffByFailuresAsync"/>).
/// </summary>
public sealed class WebhookTurnedOffTests(WebhookHostFactory factory) : IClassFixture<WebhookHostFactory>
{
    private static readonly string[] TaskCreated = ["task.created"];

    private static readonly Caller GuangdongLead = new("guangdong.lead", "guangdong", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller GuangdongStaff = new("guangdong.staff", "guangdong", new HashSet<string> { Roles.AgencyStaff });
    private static readonly Caller HubeiLead = new("hubei.lead", "hubei", new HashSet<string> { Roles.AgencyLead });
    private static readonly Caller NdrcPlanner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _guangdongLead = factory.CreateClientFor("guangdong.lead");

    private WebhookSubscriptionService Service => factory.Services.GetRequiredService<WebhookSubscriptionService>();

    [Fact]
    public async Task FailingInARow_TurnedOffByFailures_NoticeForItsManagersOnly_UntilTurnedOn()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = await SubscribeAsync(receiver.Url);
        receiver.Down = true;
        await _planner.StartHumanTaskAsync();

        // Act: each failure pushes the retry further out; move the clock past each one.
        for (var failures = 1; failures <= WebhookHostFactory.DisableAfterFailures; failures++)
        {
            var count = failures;
            await Eventually.TrueAsync(async () => (await SubscriptionAsync(id))["consecutiveFailures"].Int() >= count, $"{count} failures");
            factory.Time.Advance(TimeSpan.FromHours(1));
        }

        // Assert
        await Eventually.TrueAsync(async () => !(await SubscriptionAsync(id))["active"]!.GetValue<bool>(), "the subscription turned off");
        Assert.True((await SubscriptionAsync(id))["turnedOffByFailures"]!.GetValue<bool>());
        Assert.Contains(await Service.ListTurnedOffByFailuresAsync(GuangdongLead), s => s.Id == id && s.TurnedOffByFailures);
        Assert.Contains(await Service.ListTurnedOffByFailuresAsync(NdrcPlanner), s => s.Id == id);
        Assert.Empty(await Service.ListTurnedOffByFailuresAsync(GuangdongStaff));
        Assert.DoesNotContain(await Service.ListTurnedOffByFailuresAsync(HubeiLead), s => s.Id == id);

        await (await _guangdongLead.PostAsync(new Uri($"/api/webhook-subscriptions/{id}/enable", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);
        Assert.False((await SubscriptionAsync(id))["turnedOffByFailures"]!.GetValue<bool>());
        Assert.DoesNotContain(await Service.ListTurnedOffByFailuresAsync(GuangdongLead), s => s.Id == id);
    }

    [Fact]
    public async Task TurnedOffByAPerson_NotTurnedOffByFailures_NoNotice()
    {
        // Arrange
        var id = await SubscribeAsync("https://agency-system.invalid/hook");

        // Act
        await (await _guangdongLead.PostAsync(new Uri($"/api/webhook-subscriptions/{id}/disable", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);

        // Assert
        var subscription = await SubscriptionAsync(id);
        Assert.False(subscription["active"]!.GetValue<bool>());
        Assert.Contains("guangdong.lead", subscription["disabledReason"].Str(), StringComparison.Ordinal);
        Assert.False(subscription["turnedOffByFailures"]!.GetValue<bool>());
        Assert.DoesNotContain(await Service.ListTurnedOffByFailuresAsync(GuangdongLead), s => s.Id == id);
    }

    private async Task<string> SubscribeAsync(string url)
    {
        var created = await (await _guangdongLead.PostAsJsonAsync("/api/webhook-subscriptions", new { url, eventTypes = TaskCreated })).ExpectAsync(HttpStatusCode.Created);
        return created["subscription"]!["id"].Str();
    }

    private async Task<JsonNode> SubscriptionAsync(string id) => await _guangdongLead.GetJsonAsync($"/api/webhook-subscriptions/{id}");
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Webhooks;

/// <summary>
/// Outbound webhooks end to end: the engine commits events, the dispatcher signs and delivers them to a real receiver
/// on loopback, retries while it is down, and keeps each agency's subscriptions to its own tasks.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookHostFactory factory) : IClassFixture<WebhookHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _guangdongLead = factory.CreateClientFor("guangdong.lead");
    private readonly HttpClient _guangdongStaff = factory.CreateClientFor("guangdong.staff");
    private readonly HttpClient _hubeiLead = factory.CreateClientFor("hubei.lead");

    [Fact]
    public async Task TaskLife_DeliversEverySignedEventInOrder()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(_guangdongLead, receiver, "*");

        // Act
        var (instanceId, taskId) = await _planner.StartHumanTaskAsync();
        await (await _guangdongStaff.TaskActionAsync(taskId, "claim")).ExpectAsync(HttpStatusCode.OK);
        await (await _guangdongStaff.TaskActionAsync(taskId, "progress-reports", ScenarioForms.Report(40))).ExpectAsync(HttpStatusCode.OK);
        await (await _guangdongStaff.TaskActionAsync(taskId, "complete", new { outcome = "Submitted", data = new { progress = 60 } })).ExpectAsync(HttpStatusCode.OK);

        // Assert
        string[] expected = ["task.created", "task.claimed", "task.progress_reported", "task.completed", "task.submitted"];
        await Eventually.TrueAsync(() => Task.FromResult(Of(receiver, taskId).Count >= expected.Length), () => $"5 events, got {string.Join(", ", Of(receiver, taskId).Select(r => r.Type))}");
        var received = Of(receiver, taskId);
        Assert.Equal(expected, received.Select(r => r.Type));
        Assert.All(received, r => Assert.True(r.SignatureValid, $"bad signature on {r.Type}: {r.Signature}"));
        Assert.All(received, r => Assert.Equal(factory.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), r.Timestamp));
        Assert.Equal(received.Count, received.Select(r => r.Id).Distinct().Count());
        Assert.All(received, r => Assert.Equal("guangdong", r.Data["agency"].Str()));
        Assert.DoesNotContain(receiver.Received, r => r.Type == "instance.finished" && r.Data["instanceId"].Str() == instanceId);
    }

    [Fact]
    public async Task Subscriptions_OfEachAgency_ReceiveOnlyTheirOwnTasksEvents_NdrcReceivesAll()
    {
        // Arrange
        await using var guangdong = await WebhookReceiver.StartAsync();
        await using var hubei = await WebhookReceiver.StartAsync();
        await using var ndrc = await WebhookReceiver.StartAsync();
        await SubscribeAsync(_guangdongLead, guangdong, "task.created");
        await SubscribeAsync(_hubeiLead, hubei, "task.created");
        await SubscribeAsync(_planner, ndrc, "task.created");

        // Act
        var (_, guangdongTask) = await _planner.StartHumanTaskAsync();
        var (_, hubeiTask) = await _planner.StartHumanTaskAsync(agency: "hubei");

        // Assert
        await Eventually.TrueAsync(() => Task.FromResult(Of(ndrc, guangdongTask).Count == 1 && Of(ndrc, hubeiTask).Count == 1), "NDRC's receiver to get both tasks");
        await Eventually.TrueAsync(() => Task.FromResult(Of(guangdong, guangdongTask).Count == 1 && Of(hubei, hubeiTask).Count == 1), "each agency's receiver to get its task");
        Assert.DoesNotContain(guangdong.Received, r => r.Data["agency"].Str() != "guangdong");
        Assert.DoesNotContain(hubei.Received, r => r.Data["agency"].Str() != "hubei");
        Assert.Empty(Of(guangdong, hubeiTask));
        Assert.Empty(Of(hubei, guangdongTask));
    }

    [Fact]
    public async Task ReceiverDown_ThenBack_EveryEventDeliveredOnce_RetriesShareTheWebhookId()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscriptionId = await SubscribeAsync(_guangdongLead, receiver, "task.created", "task.claimed");
        receiver.Down = true;
        var tasks = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            tasks.Add((await _planner.StartHumanTaskAsync(title: $"停机期间 down {i}")).TaskId);
        }

        await (await _guangdongStaff.TaskActionAsync(tasks[0], "claim")).ExpectAsync(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (await DeliveriesAsync(subscriptionId, "Pending")).Count == 4 && !receiver.Received.IsEmpty, "four deliveries waiting after a failed attempt");
        var waiting = await DeliveriesAsync(subscriptionId, "Pending");
        var head = waiting.OrderBy(d => d!["id"]!.GetValue<long>()).First()!;
        Assert.Equal(503, head["lastStatusCode"].Int());
        Assert.Contains("503", head["lastError"].Str(), StringComparison.Ordinal);

        // Act: the receiver comes back; the retry falls due on the clock.
        receiver.Down = false;
        factory.Time.Advance(TimeSpan.FromMinutes(1));

        // Assert
        await Eventually.TrueAsync(async () => (await DeliveriesAsync(subscriptionId, "Delivered")).Count == 4, "all four delivered");
        var accepted = receiver.Accepted;
        Assert.Equal(4, accepted.Count);
        Assert.Equal(4, accepted.Select(r => r.Id).Distinct().Count());
        Assert.Equal(["task.created", "task.created", "task.created", "task.claimed"], accepted.Select(r => r.Type));
        var refused = receiver.Received.Where(r => !r.Accepted).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Contains(accepted, a => a.Id == r.Id));
        Assert.All(receiver.Received, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task ReceiverProcessGone_ThenRestarted_EveryEventDelivered()
    {
        // Arrange: the receiver stops listening altogether (connection refused), not just answering 503.
        var first = await WebhookReceiver.StartAsync();
        var subscriptionId = await SubscribeAsync(_guangdongLead, first, "task.created");
        var port = first.Port;
        var secret = first.Secret;
        await first.DisposeAsync();
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "接收端停机 receiver gone");
        await Eventually.TrueAsync(async () => (await DeliveriesAsync(subscriptionId, "Pending")).Any(d => d!["attempts"].Int() >= 1), "a failed attempt");
        var waiting = Assert.Single(await DeliveriesAsync(subscriptionId, "Pending"))!;
        Assert.Null(waiting["lastStatusCode"]);
        Assert.False(string.IsNullOrEmpty(waiting["lastError"]?.GetValue<string>()));

        // Act
        await using var second = await WebhookReceiver.StartAsync(port);
        second.Secret = secret;
        factory.Time.Advance(TimeSpan.FromMinutes(1));

        // Assert
        await Eventually.TrueAsync(() => Task.FromResult(Of(second, taskId).Count == 1), "the event after the restart");
        Assert.True(Of(second, taskId)[0].SignatureValid);
        Assert.Equal(waiting["eventId"].Str(), Of(second, taskId)[0].Id);
    }

    [Fact]
    public async Task Subscription_FailingInARow_IsTurnedOffWithAReason_EnablingDeliversWhatWaited()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscriptionId = await SubscribeAsync(_guangdongLead, receiver, "task.created");
        receiver.Down = true;
        var (_, taskId) = await _planner.StartHumanTaskAsync();

        // Act: each failure pushes the retry further out; move the clock past each one.
        for (var failures = 1; failures <= WebhookHostFactory.DisableAfterFailures; failures++)
        {
            var count = failures;
            await Eventually.TrueAsync(async () => (await SubscriptionAsync(subscriptionId))["consecutiveFailures"].Int() >= count, $"{count} failures");
            factory.Time.Advance(TimeSpan.FromHours(1));
        }

        // Assert
        var disabled = await SubscriptionAsync(subscriptionId);
        Assert.False(disabled["active"]!.GetValue<bool>());
        Assert.Contains("3 failed attempts", disabled["disabledReason"].Str(), StringComparison.Ordinal);
        Assert.Equal(1, disabled["pendingDeliveries"].Int());

        receiver.Down = false;
        await (await _guangdongLead.PostAsync(new Uri($"/api/webhook-subscriptions/{subscriptionId}/enable", UriKind.Relative), null)).ExpectAsync(HttpStatusCode.OK);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Accepted.Any(r => r.Data["taskId"].Str() == taskId)), "the waiting event after enabling");
    }

    [Fact]
    public async Task Redeliver_SendsTheEventAgainWithTheSameWebhookId()
    {
        // Arrange
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscriptionId = await SubscribeAsync(_guangdongLead, receiver, "task.created");
        var (_, taskId) = await _planner.StartHumanTaskAsync();
        await Eventually.TrueAsync(async () => (await DeliveriesAsync(subscriptionId, "Delivered")).Count == 1, "the first delivery");
        var delivered = Assert.Single(await DeliveriesAsync(subscriptionId, "Delivered"))!;

        // Act
        var response = await _guangdongLead.PostAsync(new Uri($"/api/webhook-subscriptions/{subscriptionId}/deliveries/{delivered["id"]}/redeliver", UriKind.Relative), null);

        // Assert
        await response.ExpectAsync(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Task.FromResult(Of(receiver, taskId).Count == 2), "the redelivery");
        Assert.Single(Of(receiver, taskId).Select(r => r.Id).Distinct());
        Assert.Equal(delivered["eventId"].Str(), Of(receiver, taskId)[0].Id);
    }

    private static List<ReceivedWebhook> Of(WebhookReceiver receiver, string taskId) =>
        [.. receiver.Accepted.Where(r => r.Data["taskId"]?.GetValue<string>() == taskId)];

    private static async Task<string> SubscribeAsync(HttpClient client, WebhookReceiver receiver, params string[] eventTypes)
    {
        var created = await (await client.PostAsJsonAsync("/api/webhook-subscriptions", new { url = receiver.Url, eventTypes, description = "测试 test" })).ExpectAsync(HttpStatusCode.Created);
        receiver.Secret = created["secret"].Str();
        return created["subscription"]!["id"].Str();
    }

    private async Task<JsonNode> SubscriptionAsync(string id) => await _guangdongLead.GetJsonAsync($"/api/webhook-subscriptions/{id}");

    private async Task<JsonArray> DeliveriesAsync(string subscriptionId, string state) =>
        (await _guangdongLead.GetJsonAsync($"/api/webhook-subscriptions/{subscriptionId}/deliveries?state={state}"))["items"]!.AsArray();
}

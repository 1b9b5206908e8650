using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Reliability.Tests;

/// <summary>Issue 9: the webhook receiver is down for a while during the run; every event is delivered after.</summary>
public sealed class WebhookOutageTests(ITestOutputHelper output)
{
    private const int Probes = 400;

    /// <summary>Retries every ¼ to 1 second, so the outage is seconds long rather than the production minutes.</summary>
    private static readonly Dictionary<string, string> QuickRetries = new()
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.200",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.250",
        ["Webhooks:RetryMaxDelay"] = "00:00:01",
        ["Webhooks:DisableAfterFailures"] = "10000",
    };

    private static readonly string[] EveryEventType = ["*"];

    [Fact]
    public async Task Receiver503ThenGone_ThenBack_EveryEventDelivered_DuplicatesOnlyAsRedeliveriesOfOneWebhookId()
    {
        await using var nodes = new HostNodes(new SqliteTestDatabase(), output, QuickRetries);
        await using var receiver = new WebhookReceiver();
        await nodes.RunAsync(async () =>
        {
            // Arrange: an NDRC subscription to every event type.
            var clock = Stopwatch.StartNew();
            var node = await nodes.StartAsync("a");
            var planner = await node.SignInAsync();
            await receiver.StartAsync();
            var created = await (await planner.PostAsJsonAsync("/api/webhook-subscriptions", new { url = receiver.Url, eventTypes = EveryEventType, description = "reliability" }))
                .Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
            var subscriptionId = created!["subscription"]!["id"]!.GetValue<string>();
            var workload = new Workload(delay: TimeSpan.FromSeconds(1));
            await workload.ImportAsync(planner);

            // Act: 503 while the probes start and their tasks are made; gone (connection refused) while the tasks are
            // completed; back after that.
            receiver.Refusing = true;
            var refusing = Stopwatch.StartNew();
            await workload.StartAsync(Probes, () => planner);
            await receiver.StopAsync();
            var gone = Stopwatch.StartNew();
            refusing.Stop();
            HttpClient[] staff = [await node.SignInAsync("guangdong.staff")];
            await workload.CompleteTasksAsync(Probes, () => staff, TimeSpan.FromSeconds(60));
            gone.Stop();
            receiver.Refusing = false;
            await receiver.StartAsync();

            // Assert
            var audit = await ConsistencyAudit.RunAsync(nodes.Database, workload, Probes);
            var accepted = () => receiver.Requests.Where(r => r.Accepted).Select(r => r.WebhookId).ToHashSet(StringComparer.Ordinal);
            await Eventually.TrueAsync(() => Task.FromResult(audit.EventIds.IsSubsetOf(accepted())), () => $"all {audit.EventIds.Count} events accepted, {audit.EventIds.Intersect(accepted()).Count()} so far", TimeSpan.FromSeconds(90));
            var requests = receiver.Requests.ToList();
            var ofRun = requests.Where(r => r.InstanceId is not null && audit.EventIds.Contains(r.WebhookId)).ToList();
            var acceptedOfRun = ofRun.Where(r => r.Accepted).ToList();
            var redelivered = acceptedOfRun.Count - acceptedOfRun.Select(r => r.WebhookId).Distinct().Count();
            var idsPerEvent = acceptedOfRun.GroupBy(r => (r.InstanceId, r.Type)).Max(g => g.Select(r => r.WebhookId).Distinct().Count());
            var delivered = await DeliveryCountAsync(planner, subscriptionId, "Delivered");
            var pending = await DeliveryCountAsync(planner, subscriptionId, "Pending");
            var failed = await DeliveryCountAsync(planner, subscriptionId, "Failed");
            output.WriteLine($"Webhook receiver outage: {Probes} probes, {audit.EventIds.Count} events; receiver answering 503 for {refusing.Elapsed.TotalSeconds:0.0} s, then gone for {gone.Elapsed.TotalSeconds:0.0} s, run {clock.Elapsed.TotalSeconds:0.0} s");
            output.WriteLine($"receiver: {requests.Count} requests, {requests.Count(r => !r.Accepted)} answered 503, {acceptedOfRun.Count} accepted of the run's events, " +
                $"{acceptedOfRun.Select(r => r.WebhookId).Distinct().Count()} distinct webhook-ids, lost {audit.EventIds.Except(accepted()).Count()}, redelivered duplicates {redelivered}");
            output.WriteLine($"subscription deliveries: delivered {delivered}, pending {pending}, failed {failed}");
            output.WriteLine(workload.Figures());
            output.WriteLine(audit.Figures());
            Assert.Equal(1, idsPerEvent);
            Assert.Equal(0, failed);
            Assert.Equal(0, pending);
            Assert.Contains(requests, r => !r.Accepted);
            audit.AssertClean();
        });
    }

    private static async Task<int> DeliveryCountAsync(HttpClient planner, string subscriptionId, string state)
    {
        var response = await planner.GetAsync(new Uri($"/api/webhook-subscriptions/{subscriptionId}/deliveries?state={state}&pageSize=1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["totalCount"]!.GetValue<int>();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Bench.Scale;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace AiPlusTasks.Bench.Webhooks;

/// <summary>
/// Issue 7: webhook delivery through the engine's outbox and dispatcher, against the physical limit on the same
/// machine — the same signed POSTs sent one after another by a bare <see cref="HttpClient"/> with no database.
/// <list type="bullet">
/// <item><b>backlog</b>: N events committed in one transaction, then the time until the receiver has every one: events/s.</item>
/// <item><b>latency</b>: one event committed at a time (as a burst commits it), the time from commit to arrival: p50/p95.</item>
/// </list>
/// Checked before a figure is reported: every event arrives, in commit order, every signature verifies.
/// </summary>
internal static class WebhookScenario
{
    public const string Name = "webhooks";

    private static readonly Caller Planner = new("ndrc.planner", "ndrc", new HashSet<string> { Roles.NdrcPlanner });

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchMode mode)
    {
        var backlog = mode == BenchMode.Full ? 10_000 : mode == BenchMode.Check ? 50 : 2_000;
        var trickle = mode == BenchMode.Check ? 10 : 200;
        await using var receiver = await BenchReceiver.StartAsync();
        await using var host = await ScaleHost.StartAsync(services => services.Configure<WebhookOptions>(o => o.AllowLoopback = true));
        var subscriptions = host.Services.GetRequiredService<WebhookSubscriptionService>();
        var created = await subscriptions.CreateAsync(Planner, new WebhookSubscriptionInput(receiver.Url, [WebhookEventTypes.All], "bench"));
        receiver.Secret = created.Secret;
        var factory = host.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();

        // Backlog: N events in one commit.
        var events = Enumerable.Range(0, backlog).Select(i => Event(i)).ToList();
        var started = Stopwatch.GetTimestamp();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Outbox.AddRange(events);
            await db.SaveChangesAsync();
        }

        await WaitForAsync(receiver, events, TimeSpan.FromMinutes(5));
        var backlogSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Check(receiver, events);

        // Latency: one event per commit, the next after the last arrived.
        var latencies = new List<double>(trickle);
        for (var i = 0; i < trickle; i++)
        {
            var single = Event(backlog + i);
            var committedAt = 0L;
            await using (var db = await factory.CreateDbContextAsync())
            {
                db.Outbox.Add(single);
                await db.SaveChangesAsync();
                committedAt = Stopwatch.GetTimestamp();
            }

            await WaitForAsync(receiver, [single], TimeSpan.FromSeconds(30));
            latencies.Add(Stopwatch.GetElapsedTime(committedAt, receiver.FirstArrival[single.Id]).TotalMilliseconds);
        }

        // The limit: the same signed bodies POSTed one after another by a bare HttpClient, no database.
        var rawRate = await RawRateAsync(receiver.Url, created.Secret, backlog);
        var rate = backlog / backlogSeconds;
        var details = $"{backlog} events in one commit; {trickle} single commits; receiver on loopback; one subscription (in order, one at a time)";
        return
        [
            new Figure(Name, "delivered events/s, backlog", Math.Round(rate), "events/s", "", null, details),
            new Figure(Name, "raw signed POSTs/s, no database (limit)", Math.Round(rawRate), "req/s", "", null, $"{backlog} sequential POSTs"),
            new Figure(Name, "ratio engine/raw", Math.Round(rate / rawRate, 2), "x", "", null, details),
            new Figure(Name, "commit → arrival p50", Math.Round(Percentiles.Of(latencies, 50), 1), "ms", "", null, details),
            new Figure(Name, "commit → arrival p95", Math.Round(Percentiles.Of(latencies, 95), 1), "ms", "", null, details),
        ];
    }

    private static OutboxRecord Event(int i) => OutboxEvents.Create(OutboxEventTypes.TaskCreated, null, new JsonObject
    {
        ["taskId"] = "bench-" + i.ToString(CultureInfo.InvariantCulture),
        ["agency"] = "guangdong",
        ["title"] = "基准测试 bench event",
    }, DateTimeOffset.UtcNow, "guangdong");

    private static async Task WaitForAsync(BenchReceiver receiver, List<OutboxRecord> events, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!events.All(e => receiver.FirstArrival.ContainsKey(e.Id)))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new BenchmarkFailedException($"{events.Count(e => receiver.FirstArrival.ContainsKey(e.Id))} of {events.Count} events arrived within {limit}");
            }

            await Task.Delay(1);
        }
    }

    private static void Check(BenchReceiver receiver, List<OutboxRecord> events)
    {
        if (receiver.BadSignatures > 0)
        {
            throw new BenchmarkFailedException($"{receiver.BadSignatures} signatures did not verify");
        }

        var order = receiver.ArrivalOrder.ToList();
        if (!order.SequenceEqual(events.Select(e => e.Id)))
        {
            throw new BenchmarkFailedException("events arrived out of commit order");
        }
    }

    private static async Task<double> RawRateAsync(string url, string secret, int count)
    {
        using var client = new HttpClient();
        var webhook = new StandardWebhook(secret);
        var body = Event(0).Payload;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var id = "raw_" + i.ToString(CultureInfo.InvariantCulture);
            var timestamp = DateTimeOffset.UtcNow;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", id);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", webhook.Sign(id, timestamp, body));
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}

using System.Globalization;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>An e-mail server that is down: the delivery is kept, retried after a backoff with the same Message-ID, and sent.</summary>
public sealed class DeliveryRetryTests(NotificationHostFactory factory) : IClassFixture<NotificationHostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task UnreachableServer_DeliveryKeptAndRetried_SentWithTheSameMessageId()
    {
        // Arrange: the server refuses the next two attempts.
        factory.Email.FailNext(2);

        // Act
        var (_, taskId) = await _planner.StartHumanTaskAsync(title: "人工智能+教育试点", agency: "jiangsu");

        // Assert: first attempt failed, kept Pending with the error and a retry a minute later.
        System.Text.Json.Nodes.JsonNode? row = null;
        await Eventually.TrueAsync(async () => (row = (await _planner.DeliveriesOfAsync("jiangsu.staff")).FirstOrDefault(d => d!["channel"].Str() == "email")) is { } r && r["attempts"].Int() == 1 && r["state"].Str() == "Pending", () => $"a failed first attempt, got {row?.ToJsonString()}");
        Assert.Contains("connection refused", row!["lastError"].Str());
        var retryAt = DateTimeOffset.Parse(row["nextAttemptAt"].Str(), CultureInfo.InvariantCulture);
        Assert.Equal(factory.Time.GetUtcNow().AddMinutes(1), retryAt);

        // Act: time passes; the second attempt fails too, the third (after two more minutes) goes through.
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(async () => (await _planner.DeliveriesOfAsync("jiangsu.staff")).Any(d => d!["channel"].Str() == "email" && d["attempts"].Int() == 2), "the second attempt");
        factory.Time.Advance(TimeSpan.FromMinutes(2));

        // Assert
        await Eventually.TrueAsync(async () => (await _planner.DeliveriesOfAsync("jiangsu.staff")).Any(d => d!["channel"].Str() == "email" && d["state"].Str() == "Sent"), "the delivery sent");
        var attempts = factory.Email.Attempts.Where(m => m.Body.Contains(taskId, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Single(attempts.Select(m => m.MessageId).Distinct());
        Assert.Single(factory.Email.To(NotificationHostFactory.EmailOf("jiangsu.staff")), m => m.Body.Contains(taskId, StringComparison.Ordinal));
        var sent = (await _planner.DeliveriesOfAsync("jiangsu.staff")).Single(d => d!["channel"].Str() == "email");
        Assert.Equal((3, (string?)null), (sent!["attempts"].Int(), sent["lastError"]?.GetValue<string>()));
    }
}

using System.Net;
using System.Net.Http.Json;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>POST /api/events/{name}</c> resuming <c>Elsa.Event</c> bookmarks by correlation id, exactly once.</summary>
public sealed class EventEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string EventUri = "/api/events/report-approved";

    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task StartInstance_WaitsForEvent_ReturnsSuspendedWithOneEventBookmark()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var correlationId = $"task-{Guid.NewGuid():N}";

        // Act
        var instance = await _client.StartAsync(definitionId, correlationId);

        // Assert
        Assert.Equal("Suspended", instance["status"].Str());
        var bookmark = Assert.Single(instance["bookmarks"]!.AsArray());
        Assert.Equal("report-approved", bookmark!["key"].Str());
        Assert.Equal(correlationId, bookmark["correlationId"].Str());
        Assert.Equal("event1", bookmark["activityId"].Str());
    }

    [Fact]
    public async Task RaiseEvent_NoInstanceWithThatCorrelationId_Returns404AndLeavesInstanceSuspended()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var instance = await _client.StartAsync(definitionId, $"task-{Guid.NewGuid():N}");

        // Act
        var response = await _client.PostAsJsonAsync(EventUri, new { correlationId = "task-99" });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("task-99", problem["detail"].Str(), StringComparison.Ordinal);
        var after = await _client.GetJsonAsync($"{HttpApi.Instances}/{instance["id"].Str()}");
        Assert.Equal("Suspended", after["status"].Str());
    }

    [Fact]
    public async Task RaiseEvent_MatchingCorrelationId_ResumesInstanceWhichFinishesWithPayload()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var instanceId = (await _client.StartAsync(definitionId, "task-42"))["id"].Str();

        // Act
        var response = await _client.PostAsJsonAsync(EventUri, new { correlationId = "task-42", payload = new { by = "miit" } });

        // Assert
        var result = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([instanceId], result["resumedInstanceIds"]!.AsArray().Select(i => i.Str()));
        var instance = await _client.GetJsonAsync($"{HttpApi.Instances}/{instanceId}");
        Assert.Equal("Finished", instance["status"].Str());
        Assert.Empty(instance["bookmarks"]!.AsArray());
        Assert.Contains(await _client.JournalAsync(instanceId), e => e!["message"]?.GetValue<string>() == "approved by miit");
    }

    [Fact]
    public async Task RaiseEvent_SameEventTwice_SecondReturns404AndWriteLineRunsOnce()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var correlationId = $"task-{Guid.NewGuid():N}";
        var instanceId = (await _client.StartAsync(definitionId, correlationId))["id"].Str();
        var body = new { correlationId, payload = new { by = "miit" } };
        await (await _client.PostAsJsonAsync(EventUri, body)).ExpectAsync(HttpStatusCode.OK);

        // Act
        var second = await _client.PostAsJsonAsync(EventUri, body);

        // Assert
        await second.ExpectAsync(HttpStatusCode.NotFound);
        var journal = await _client.JournalAsync(instanceId);
        Assert.Single(journal, e => e!["activityId"].Str() == "writeLine1");
        Assert.Single(journal, e => e!["activityId"].Str() == "event1" && e["event"].Str() == "Resumed");
    }

    [Fact]
    public async Task RaiseEvent_SameEventSixTimesAtOnce_ResumesExactlyOnce()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("wait-for-event.json");
        var correlationId = $"task-{Guid.NewGuid():N}";
        var instanceId = (await _client.StartAsync(definitionId, correlationId))["id"].Str();
        var body = new { correlationId, payload = new { by = "miit" } };

        // Act
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _client.PostAsJsonAsync(EventUri, body)));

        // Assert: one resumes; the others find the bookmark gone (404) or lose the race to it (409), never a 5xx.
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Single(statuses, s => s == HttpStatusCode.OK);
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Contains(s, new[] { HttpStatusCode.NotFound, HttpStatusCode.Conflict }));
        var journal = await _client.JournalAsync(instanceId);
        Assert.Single(journal, e => e!["activityId"].Str() == "writeLine1");
    }
}

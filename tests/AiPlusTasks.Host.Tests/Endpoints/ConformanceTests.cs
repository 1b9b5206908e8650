using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>
/// The conformance suite (<c>tests/Conformance/</c>) through the HTTP API, as an agency system or Elsa Studio user would
/// run it: import the unchanged Elsa 3 JSON, publish, start, raise its events, read the instance and its journal.
/// </summary>
public sealed class ConformanceTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    public static TheoryData<string> Cases => ConformanceCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_ImportedPublishedAndRun_GivesTheExpectedResult(string name)
    {
        // Arrange
        var conformance = ConformanceCase.Load(name);
        await (await _client.PostJsonTextAsync(HttpApi.Definitions, conformance.DefinitionJson)).ExpectAsync(HttpStatusCode.Created);
        await _client.PublishAsync(conformance.DefinitionId);
        var correlationId = $"conformance-{name}-{Guid.NewGuid():N}";

        // Act
        var instance = await _client.StartAsync(conformance.DefinitionId, correlationId, conformance.Input);
        foreach (var eventName in conformance.Events)
        {
            var raised = await (await _client.PostAsJsonAsync($"/api/events/{eventName}", new { correlationId })).ExpectAsync(HttpStatusCode.OK);
            Assert.Single(raised["resumedInstanceIds"]!.AsArray());
        }

        var id = instance["id"].Str();
        if (conformance.Advance is { } span)
        {
            await LetTimePassAsync(id, factory.Time.GetUtcNow() + span);
        }

        // Assert
        var final = await _client.GetJsonAsync($"{HttpApi.Instances}/{id}");
        Assert.True(conformance.Status == final["status"].Str(), $"{name}: expected {conformance.Status}, got {final.ToJsonString()}");
        var journal = await _client.GetJsonAsync($"{HttpApi.Instances}/{id}/journal?pageSize=200");
        conformance.AssertLines([.. journal["items"]!.AsArray()
            .Where(e => e!["activityType"].Str() == "Elsa.WriteLine" && e["event"].Str() == "Completed")
            .Select(e => e!["message"]?.GetValue<string>() ?? "")]);
        conformance.AssertContains("output", conformance.Output, final["output"] as JsonObject ?? []);
        conformance.AssertContains("variable", conformance.Variables, final["variables"] as JsonObject ?? []);
    }

    /// <summary>
    /// Moves the Host's clock to each timer the instance waits on, earliest first, and waits until Quartz has fired it,
    /// as real time would pass; then to <paramref name="until"/>.
    /// </summary>
    private async Task LetTimePassAsync(string instanceId, DateTimeOffset until)
    {
        while (await NextTimerAsync(instanceId, until) is { } due)
        {
            factory.Time.Advance(due.ResumeAt - factory.Time.GetUtcNow());
            await Eventually.TrueAsync(
                async () => (await NextTimerAsync(instanceId, until))?.Id != due.Id,
                () => $"the timer due at {due.ResumeAt:O} of instance {instanceId} to fire");
        }

        if (until > factory.Time.GetUtcNow())
        {
            factory.Time.Advance(until - factory.Time.GetUtcNow());
        }
    }

    private async Task<(string Id, DateTimeOffset ResumeAt)?> NextTimerAsync(string instanceId, DateTimeOffset until)
    {
        var timers = (await _client.GetJsonAsync($"{HttpApi.Instances}/{instanceId}"))["bookmarks"]!.AsArray()
            .Where(b => b!["kind"].Str() == "Timer")
            .Select(b => (Id: b!["id"].Str(), ResumeAt: b["resumeAt"]!.GetValue<DateTimeOffset>()))
            .Where(t => t.ResumeAt <= until)
            .OrderBy(t => t.ResumeAt)
            .ToList();
        return timers.Count == 0 ? null : timers[0];
    }
}

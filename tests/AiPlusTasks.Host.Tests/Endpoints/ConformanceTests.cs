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
            factory.Time.Advance(span);
            await Eventually.TrueAsync(
                async () => (await _client.GetJsonAsync($"{HttpApi.Instances}/{id}"))["status"].Str() != "Suspended",
                () => $"{name}: the instance to go on after {span} passed");
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
}

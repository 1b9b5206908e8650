namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>Elsa 3's generated JavaScript accessors, through the HTTP API.</summary>
public sealed class WorkflowJavaScriptTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task StartInstance_GetTriesSetTriesLoop_WritesAlphaAgainAgainOmega()
    {
        // Arrange: an Elsa Studio 3 definition whose loop uses getTries() and setTries(v).
        var definitionId = await _client.ImportAndPublishAsync("get-set-tries.json");

        // Act
        var instance = await _client.StartAsync(definitionId);

        // Assert
        Assert.Equal("Finished", instance["status"].Str());
        Assert.Equal(3, instance["variables"]!["Tries"].Int());
        var lines = (await _client.JournalAsync(instance["id"].Str()))
            .Where(e => e!["activityType"].Str() == "Elsa.WriteLine" && e["event"].Str() == "Completed")
            .Select(e => e!["message"].Str());
        Assert.Equal(["alpha", "again", "again", "omega"], lines);
    }
}

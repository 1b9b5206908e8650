namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary>Instances that fault: an explicit <c>Elsa.Fault</c>, and a script stopped by the sandbox's time limit.</summary>
public sealed class WorkflowInstanceFaultTests(ShortJavaScriptTimeoutHostFactory factory) : IClassFixture<ShortJavaScriptTimeoutHostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task StartInstance_FaultActivity_ReturnsFaultedWithIncidentNamingActivityAndMessage()
    {
        // Arrange
        var definitionId = await _client.ImportAndPublishAsync("fault.json");

        // Act
        var instance = await _client.StartAsync(definitionId);

        // Assert
        Assert.Equal("Faulted", instance["status"].Str());
        var incident = Assert.Single(instance["incidents"]!.AsArray());
        Assert.Equal("fault1", incident!["activityId"].Str());
        Assert.Equal("boom", incident["message"].Str());
        var stored = await _client.GetJsonAsync($"{HttpApi.Instances}/{instance["id"].Str()}");
        Assert.Equal("Faulted", stored["status"].Str());
    }

    /// <remarks>
    /// Elsa 3 exports a script as a <c>Literal</c> whose text is the code; a <c>JavaScript</c> expression computes
    /// the code (here it is the loop itself). Either way the loop must run and be stopped.
    /// </remarks>
    [Theory]
    [InlineData("Literal")]
    [InlineData("JavaScript")]
    public async Task StartInstance_EndlessScript_ReturnsFaultedWithIncidentNamingTheTimeLimit(string expressionType)
    {
        // Arrange
        var definition = DefinitionFixtures.Load("endless-script.json", out var definitionId);
        DefinitionFixtures.Activity(definition, "script1")["script"]!["expression"]!["type"] = expressionType;
        await _client.ImportAsync(definition);
        await _client.PublishAsync(definitionId);

        // Act
        var instance = await _client.StartAsync(definitionId);

        // Assert
        Assert.Equal("Faulted", instance["status"].Str());
        var incident = Assert.Single(instance["incidents"]!.AsArray());
        Assert.Equal("script1", incident!["activityId"].Str());
        Assert.Contains("longer than the limit of 200 ms", incident["message"].Str(), StringComparison.Ordinal);
        Assert.DoesNotContain(await _client.JournalAsync(instance["id"].Str()), e => e!["activityId"].Str() == "end1");
    }
}

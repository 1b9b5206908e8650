using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>One example per fault the malformed-input sweep found, kept so each fix stays fixed.</summary>
public sealed class SweepRegressionTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task ImportDefinition_ExpressionTypeIsABoolean_Returns400NamingTheInput()
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out _);
        DefinitionFixtures.Activity(definition, "report1")["title"]!["expression"]!["type"] = true;

        // Act
        var response = await _planner.PostJsonTextAsync(HttpApi.Definitions, definition.ToJsonString());

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("activities[report1].title", problem.ErrorKeys());
    }
}

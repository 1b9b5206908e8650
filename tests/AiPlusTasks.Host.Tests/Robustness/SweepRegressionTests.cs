using System.Net;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Robustness;

/// <summary>One example per fault the malformed-input sweep found, kept so each fix stays fixed.</summary>
public sealed class SweepRegressionTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _planner = factory.CreateClientFor();

    [Fact]
    public async Task PublishDefinition_ExpressionTypeIsABoolean_Returns400NamingTheInput()
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        DefinitionFixtures.Activity(definition, "report1")["title"]!["expression"]!["type"] = true;

        // Act
        var problem = await ImportDraftThenPublishAsync(definition, definitionId);

        // Assert
        Assert.Contains("activities[report1].title", problem.ErrorKeys());
    }

    [Fact]
    public async Task PublishDefinition_Int32VariableWithABlankInitialValue_Returns400NamingTheVariableValue()
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        definition["variables"] = new JsonArray(new JsonObject { ["name"] = "Count", ["typeName"] = "Int32", ["value"] = " " });

        // Act
        var problem = await ImportDraftThenPublishAsync(definition, definitionId);

        // Assert
        Assert.Contains("variables[0].value", problem.ErrorKeys());
    }

    [Fact]
    public async Task StartInstance_WriteLineConnectedToItself_FaultsTheInstanceInsteadOfLoopingForever()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        var root = definition["root"]!;
        root["activities"]!.AsArray().Remove(DefinitionFixtures.Activity(definition, "end1"));
        root["connections"]![1]!["target"]!["activity"] = "writeLine1";
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);

        // Act
        var instance = await _planner.StartAsync(definitionId);

        // Assert
        Assert.Equal("Faulted", instance["status"].Str());
    }

    [Fact]
    public async Task StartInstance_TaskFormSchemaScriptReturnsTextThatIsNotJson_FaultsTheInstanceInsteadOf500()
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        DefinitionFixtures.Activity(definition, "report1")["schema"] = new JsonObject
        {
            ["typeName"] = "Object",
            ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "'object'" },
        };
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);

        // Act
        var instance = await _planner.StartAsync(definitionId);

        // Assert
        Assert.Equal("Faulted", instance["status"].Str());
    }

    [Fact]
    public async Task PublishDefinition_SetVariableNamingANumber_Returns400NamingTheVariableInput()
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        definition["root"]!["activities"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "set1",
            ["type"] = "Elsa.SetVariable",
            ["variable"] = new JsonObject { ["name"] = 42 },
            ["value"] = new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "1" } },
        });

        // Act
        var problem = await ImportDraftThenPublishAsync(definition, definitionId);

        // Assert
        Assert.Contains("activities[set1].variable", problem.ErrorKeys());
    }

    [Fact]
    public async Task ImportDefinition_InvalidUtf8InsideAString_Returns400NamingTheBodyAndStoresNothing()
    {
        // Arrange
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId);
        definition["name"] = "broken @@ name";
        var bytes = System.Text.Encoding.UTF8.GetBytes(definition.ToJsonString());
        var marker = bytes.AsSpan().IndexOf("@@"u8);
        byte[] body = [.. bytes[..marker], 0xC3, 0x28, .. bytes[(marker + 2)..]];

        // Act
        var response = await _planner.PostAsync(
            new Uri(HttpApi.Definitions, UriKind.Relative),
            new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("body", problem.ErrorKeys());
        await (await _planner.GetRawAsync($"{HttpApi.Definitions}/{definitionId}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReportProgress_NullEvidenceFile_Returns400NamingIt()
    {
        // Arrange
        var (_, taskId) = await _planner.StartTaskForAsync("guangdong");
        var report = ScenarioForms.Report(40);
        report["evidence"] = new JsonArray((JsonNode?)null);

        // Act
        var response = await factory.CreateClientFor("guangdong.staff").TaskActionAsync(taskId, "progress-reports", report);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("evidence[0]", problem.ErrorKeys());
    }

    /// <summary>
    /// Imports a readable definition with a problem — stored as a draft, as the designer saves unfinished work — then
    /// publishes it, which must be refused; returns the publish's problem details.
    /// </summary>
    private async Task<JsonNode> ImportDraftThenPublishAsync(JsonObject definition, string definitionId)
    {
        await _planner.ImportAsync(definition);
        var publish = await _planner.PostAsync(new Uri($"{HttpApi.Definitions}/{definitionId}/publish", UriKind.Relative), null);
        return await publish.ExpectAsync(HttpStatusCode.BadRequest);
    }
}

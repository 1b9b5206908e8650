using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Host.Tests.Endpoints;

/// <summary><c>/api/workflow-definitions</c>: seeding, import, round trip, publish and versions, validation.</summary>
public sealed class WorkflowDefinitionEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClientFor();

    [Fact]
    public async Task ListDefinitions_FreshDatabase_ListsSeededHelloWorldPublishedAsVersion1()
    {
        // Act
        var page = await _client.GetJsonAsync($"{HttpApi.Definitions}?pageSize=200");

        // Assert
        var helloWorld = page["items"]!.AsArray().SingleOrDefault(d => d!["definitionId"].Str() == "hello-world");
        Assert.NotNull(helloWorld);
        Assert.Equal(1, helloWorld["publishedVersion"].Int());
        Assert.Equal(1, helloWorld["latestVersion"].Int());
        Assert.Equal("你好，世界", helloWorld["name"].Str());
    }

    public static TheoryData<string> WorkflowFiles =>
        [.. Directory.GetFiles(RepositoryPaths.Workflows, "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public async Task GetDefinition_EveryWorkflowsFile_IsSeededPublishedAndRuns(string fileName)
    {
        // Arrange
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, fileName)))!;
        var definitionId = file["definitionId"].Str();

        // Act
        var stored = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");
        var sampleInput = new JsonObject();
        foreach (var declared in file["inputs"]!.AsArray())
        {
            if (declared?["sample"] is { } sample)
            {
                sampleInput[declared["name"].Str()] = sample.DeepClone();
            }
        }

        var instance = await _client.StartAsync(definitionId, correlationId: $"seeded-{fileName}", input: sampleInput);

        // Assert
        Assert.True(stored["isPublished"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(file["root"], stored["root"]), $"{fileName}: the stored root differs from the file's");
        Assert.NotEqual("Faulted", instance["status"].Str());
        Assert.Empty(instance["incidents"]!.AsArray());
    }

    [Fact]
    public async Task ImportDefinition_ValidDefinition_Returns201Version1Draft()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);

        // Act
        var response = await _client.PostJsonTextAsync(HttpApi.Definitions, definition.ToJsonString());

        // Assert
        var body = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/workflow-definitions/{definitionId}?version=1", response.Headers.Location?.OriginalString);
        Assert.Equal(definitionId, body["definitionId"].Str());
        Assert.Equal(1, body["version"].Int());
        Assert.False(body["isPublished"]!.GetValue<bool>());
        Assert.True(body["isLatest"]!.GetValue<bool>());
    }

    [Fact]
    public async Task GetDefinition_AfterImport_ReturnsSameActivitiesConnectionsAndDesignerPositions()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition);

        // Act
        var stored = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");

        // Assert
        var position = DefinitionFixtures.Activity(stored, "writeLine1")["metadata"]!["designer"]!["position"]!;
        Assert.Equal(215, position["x"].Int());
        Assert.Equal(37, position["y"].Int());
        Assert.True(
            JsonNode.DeepEquals(definition["root"], stored["root"]),
            $"root changed in the round trip:\nsent     {definition["root"]!.ToJsonString()}\nreturned {stored["root"]!.ToJsonString()}");
    }

    [Fact]
    public async Task GetDefinition_UnknownId_Returns404ProblemDetails()
    {
        // Act
        var response = await _client.GetAsync(new Uri($"{HttpApi.Definitions}/no-such-definition", UriKind.Relative));

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem["status"].Int());
    }

    [Fact]
    public async Task PublishDefinition_Draft_ReturnsItPublished()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition);

        // Act
        var published = await _client.PublishAsync(definitionId);

        // Assert
        Assert.True(published["isPublished"]!.GetValue<bool>());
        Assert.Equal(1, published["version"].Int());
        var stored = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");
        Assert.True(stored["isPublished"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ImportDefinition_AfterPublishing_CreatesVersion2DraftAndKeepsVersion1()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version one"));
        await _client.PublishAsync(definitionId);

        // Act
        var second = await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version two"));

        // Assert
        Assert.Equal(2, second["version"].Int());
        Assert.False(second["isPublished"]!.GetValue<bool>());
        var first = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}?version=1");
        Assert.Equal(1, first["version"].Int());
        Assert.True(first["isPublished"]!.GetValue<bool>());
        Assert.Equal("version one", DefinitionFixtures.Activity(first, "writeLine1")["text"]!["expression"]!["value"].Str());
        var latest = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");
        Assert.Equal(2, latest["version"].Int());
    }

    [Fact]
    public async Task StartInstance_Version2StillDraft_RunsPublishedVersion1()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version one"));
        await _client.PublishAsync(definitionId);
        await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version two"));

        // Act
        var instance = await _client.StartAsync(definitionId);

        // Assert
        Assert.Equal(1, instance["definitionVersion"].Int());
        Assert.Equal(["version one"], await WrittenLinesAsync(instance["id"].Str()));
    }

    [Fact]
    public async Task StartInstance_Version2Published_RunsVersion2()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version one"));
        await _client.PublishAsync(definitionId);
        await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version two"));
        await _client.PublishAsync(definitionId);

        // Act
        var instance = await _client.StartAsync(definitionId);

        // Assert
        Assert.Equal(2, instance["definitionVersion"].Int());
        Assert.Equal(["version two"], await WrittenLinesAsync(instance["id"].Str()));
    }

    [Fact]
    public async Task PublishDefinition_ManyProblems_Returns400ReportingEveryProblemByActivityAndField()
    {
        // Arrange: a draft is stored with its problems (a planner saves unfinished work); publishing lists them.
        var definition = DefinitionFixtures.Load("many-problems.json", out var definitionId);
        await _client.ImportAsync(definition);

        // Act
        var response = await _client.PostAsync(new Uri($"{HttpApi.Definitions}/{definitionId}/publish", UriKind.Relative), null);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem["errors"]!.AsObject();
        string[] expected =
        [
            "activities[nope1].type",                                // unknown activity type Elsa.Nope
            "activities[writeLine1].id",                             // the id is used twice
            "activities[flowchart1].connections[6].target.activity", // delay1 → ghost1, which does not exist
            "activities[writeLine1].connections[2].source.port",     // a WriteLine has no port "Nope"
            "activities[delay1].timeSpan",                           // required input missing
            "activities[delay2].timeSpan",                           // "soon" is not a duration
            "activities[cron1].cronExpression",                      // "every monday" is not cron
            "activities[decision1].condition",                       // JavaScript syntax error
            "activities[orphan1].connections",                       // unreachable from start1
        ];
        Assert.All(expected, key => Assert.True(errors.ContainsKey(key), $"no error for {key}; got: {problem.ErrorText()}"));
        Assert.Equal(expected.Length, errors.Count);
        Assert.Contains("Elsa.Nope", errors["activities[nope1].type"]![0].Str(), StringComparison.Ordinal);
        Assert.Contains("Nope", errors["activities[writeLine1].connections[2].source.port"]![0].Str(), StringComparison.Ordinal);
        Assert.Contains("ghost1", errors["activities[flowchart1].connections[6].target.activity"]![0].Str(), StringComparison.Ordinal);
        Assert.Contains("soon", errors["activities[delay2].timeSpan"]![0].Str(), StringComparison.Ordinal);
        Assert.Contains("every monday", errors["activities[cron1].cronExpression"]![0].Str(), StringComparison.Ordinal);
        Assert.Contains("JavaScript", errors["activities[decision1].condition"]![0].Str(), StringComparison.Ordinal);
        Assert.Contains("unreachable", errors["activities[orphan1].connections"]![0].Str(), StringComparison.Ordinal);

        // The same problems listed with a stable code and arguments, for a client to say them in its own language.
        var soon = problem["problems"]!.AsArray().Single(p => p!["activityId"].Str() == "delay2" && p["field"].Str() == "timeSpan")!;
        Assert.Equal("NotADuration", soon["code"].Str());
        Assert.Equal(["soon"], soon["arguments"]!.AsArray().Select(a => a.Str()));
    }

    [Fact]
    public async Task PublishDefinition_DraftWithAProblemAfterAPublishedVersion_Returns400NamingItAndStoresNothing()
    {
        // Arrange: version 1 is published; version 2, a draft, names an activity type that does not exist.
        var definition = DefinitionFixtures.Load("write-line.json", out var definitionId);
        await _client.ImportAsync(definition.WithLiteral("writeLine1", "text", "version one"));
        await _client.PublishAsync(definitionId);
        var broken = definition.WithLiteral("writeLine1", "text", "version two");
        DefinitionFixtures.Activity(broken, "writeLine1")["type"] = "Elsa.Nope";
        await _client.ImportAsync(broken);
        var draftBefore = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");

        // Act
        var response = await _client.PostAsync(new Uri($"{HttpApi.Definitions}/{definitionId}/publish", UriKind.Relative), null);

        // Assert: the problem is named; version 1 is still the published one, version 2 the same draft, no version 3.
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["activities[writeLine1].type"], problem.ErrorKeys());
        var latest = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");
        Assert.Equal(draftBefore.ToJsonString(), latest.ToJsonString());
        Assert.Equal((2, false), (latest["version"].Int(), latest["isPublished"]!.GetValue<bool>()));
        var first = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}?version=1");
        Assert.True(first["isPublished"]!.GetValue<bool>());
        var third = await _client.GetAsync(new Uri($"{HttpApi.Definitions}/{definitionId}?version=3", UriKind.Relative));
        await third.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await _client.StartAsync(definitionId))["definitionVersion"].Int());
    }

    [Fact]
    public async Task ImportDefinition_InvalidDefinition_Returns201DraftThatNeitherPublishesNorStarts()
    {
        // Arrange: every problem of the fixture but the JavaScript one, so this holds apart from how scripts are checked.
        var definition = DefinitionFixtures.Load("many-problems.json", out var definitionId);
        DefinitionFixtures.Activity(definition, "decision1")["condition"]!["expression"]!["value"] = "getInput('amount') > 10";

        // Act
        var imported = await _client.ImportAsync(definition);
        var publish = await _client.PostAsync(new Uri($"{HttpApi.Definitions}/{definitionId}/publish", UriKind.Relative), null);
        var start = await _client.PostAsJsonAsync(HttpApi.Instances, new { definitionId });

        // Assert
        Assert.Equal((1, false), (imported["version"].Int(), imported["isPublished"]!.GetValue<bool>()));
        var problem = await publish.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(8, problem.ErrorKeys().Count);
        await start.ExpectAsync(HttpStatusCode.Conflict);
        var stored = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");
        Assert.False(stored["isPublished"]!.GetValue<bool>());
        Assert.Equal(
            definition["root"]!["activities"]!.AsArray().Select(a => a!["id"].Str()),
            stored["root"]!["activities"]!.AsArray().Select(a => a!["id"].Str()));
    }

    [Fact]
    public async Task ImportDefinition_MalformedJson_Returns400WithLineAndPosition()
    {
        // Arrange: the comma between "definitionId" and "name" on line 3 is missing.
        const string Json = """
            {
              "id": "malformed-v1",
              "definitionId": "malformed" "name": "Malformed",
              "root": { "id": "flowchart1", "type": "Elsa.Flowchart", "activities": [], "connections": [] }
            }
            """;
        var column = Json.Split('\n')[2].IndexOf("\"name\"", StringComparison.Ordinal) + 1;

        // Act
        var response = await _client.PostJsonTextAsync(HttpApi.Definitions, Json);

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(3, problem["line"].Int());
        Assert.Equal(column, problem["position"].Int());
        Assert.Contains("line 3", problem.ErrorText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishDefinition_NoActivitiesInRootFlowchart_PublishesAndFinishes()
    {
        // Arrange: as in Elsa 3, an empty flowchart is valid and completes at once.
        var definition = DefinitionFixtures.Load("no-activities.json", out var definitionId);
        await _client.ImportAsync(definition);

        // Act
        var response = await _client.PostAsync(new Uri($"{HttpApi.Definitions}/{definitionId}/publish", UriKind.Relative), null);
        var instance = await _client.StartAsync(definitionId);

        // Assert
        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Finished", instance["status"].Str());
    }

    [Fact]
    public async Task ImportDefinition_ElsaFlatConnections_AreReadStoredNestedAndRun()
    {
        // Arrange: Elsa 3's own test workflow (elsa-core FlowchartCompletion/workflow1.json), connections in the flat form.
        var definition = DefinitionFixtures.Load("elsa-flat-connections.json", out var definitionId);

        // Act
        var imported = await (await _client.PostJsonTextAsync(HttpApi.Definitions, definition.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        await _client.PublishAsync(definitionId);
        var instance = await _client.StartAsync(definitionId);

        // Assert
        Assert.Equal(2, imported["root"]!["connections"]!.AsArray().Count);
        var stored = await _client.GetJsonAsync($"{HttpApi.Definitions}/{definitionId}");
        Assert.True(
            JsonNode.DeepEquals(
                JsonNode.Parse("""{ "source": { "activity": "WriteLine1", "port": "Done" }, "target": { "activity": "WriteLine3", "port": "In" } }"""),
                stored["root"]!["connections"]![1]),
            stored["root"]!["connections"]!.ToJsonString());
        Assert.Equal("Finished", instance["status"].Str());
        var lines = await WrittenLinesAsync(instance["id"].Str());
        Assert.Equal("WriteLine1", lines[0]);
        Assert.Equal(["WriteLine1", "WriteLine2", "WriteLine3"], lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ImportDefinition_FlatConnectionWithoutTarget_Returns400NamingTheField()
    {
        // Arrange
        var definition = DefinitionFixtures.Load("elsa-flat-connections.json", out _);
        definition["root"]!["connections"]![0]!.AsObject().Remove("target");

        // Act
        var response = await _client.PostJsonTextAsync(HttpApi.Definitions, definition.ToJsonString());

        // Assert
        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("connections[0].target", problem.ErrorText(), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> WrittenLinesAsync(string instanceId) =>
        [.. (await _client.JournalAsync(instanceId)).Where(e => e!["activityType"].Str() == "Elsa.WriteLine").Select(e => e!["message"].Str())];
}

using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Tests.Support;

namespace AiPlusTasks.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionJsonTests
{
    [Theory]
    [MemberData(nameof(RepositoryPaths.WorkflowFileNames), MemberType = typeof(RepositoryPaths))]
    public void ReadThenWrite_EveryWorkflowFile_LosesNothing(string file)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, file));

        var written = WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Read(original, file));

        Assert.Equal(Canonical(JsonNode.Parse(original)), Canonical(JsonNode.Parse(written)));
    }

    [Fact]
    public void ReadThenWrite_PropertiesTheEngineDoesNotUse_AreKept()
    {
        const string json = """
            {
              "id": "x-1", "definitionId": "x", "name": "X", "version": 3, "isLatest": true, "isPublished": true,
              "toolVersion": "3.3.0", "customProperties": { "owner": "ndrc" }, "options": { "autoUpdateConsumingWorkflows": false },
              "variables": [ { "id": "v1", "name": "Count", "typeName": "Int32", "value": "0", "isArray": false, "storageDriverTypeName": "Workflow" } ],
              "inputs": [ { "name": "title", "type": "String", "displayName": "标题" } ],
              "outputs": [],
              "root": {
                "id": "root", "type": "Elsa.Flowchart", "version": 1, "customProperties": { "notFoundConnections": [] },
                "activities": [
                  { "id": "w", "type": "Elsa.WriteLine", "version": 1, "name": "Say",
                    "text": { "typeName": "String", "expression": { "type": "Literal", "value": "hi" }, "memoryReference": { "id": "w:input-1" } },
                    "metadata": { "designer": { "position": { "x": -120.5, "y": 40 }, "size": { "width": 180, "height": 50 } }, "displayText": "说" } }
                ],
                "connections": [],
                "metadata": {}
              }
            }
            """;

        var written = WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Read(json));

        Assert.Equal(Canonical(JsonNode.Parse(json)), Canonical(JsonNode.Parse(written)));
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndPosition()
    {
        const string json = "{\n  \"definitionId\": \"x\",\n  \"root\": { \"id\": \"r\" \"type\": \"Elsa.Flowchart\" }\n}";

        var error = Assert.Throws<DefinitionFormatException>(() => WorkflowDefinitionJson.Read(json, "bad.json"));

        Assert.Equal(3, error.Line);
        Assert.True(error.Position > 1);
        Assert.StartsWith("bad.json line 3, position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongShape_ReportsJsonPath()
    {
        var error = Assert.Throws<DefinitionFormatException>(() =>
            WorkflowDefinitionJson.Read("""{ "definitionId": "x", "root": { "id": "r", "type": "Elsa.Flowchart", "activities": {} } }"""));

        Assert.Equal("$.root.activities", error.Path);
    }

    [Fact]
    public void Read_FlatConnections_AreReadAsElsaReadsThemAndWrittenNested()
    {
        // The flat form of Elsa's ObsoleteConnectionJsonConverter, with designer vertices the engine does not use.
        const string json = """
            { "definitionId": "flat", "root": { "id": "root", "type": "Elsa.Flowchart",
              "activities": [ { "id": "a", "type": "Elsa.WriteLine" }, { "id": "b", "type": "Elsa.WriteLine" } ],
              "connections": [ { "source": "a", "target": "b", "sourcePort": "Done", "targetPort": "In", "vertices": [ { "x": 1, "y": 2 } ] } ] } }
            """;

        var definition = WorkflowDefinitionJson.Read(json);
        var written = WorkflowDefinitionJson.ToJson(definition);

        var connection = Assert.Single(definition.Root.Connections);
        Assert.Equal(new Connection.Endpoint("a", "Done"), connection.Source);
        Assert.Equal(new Connection.Endpoint("b", "In"), connection.Target);
        Assert.Equal(
            """{"source":{"activity":"a","port":"Done"},"target":{"activity":"b","port":"In"},"vertices":[{"x":1,"y":2}]}""",
            written["root"]!["connections"]![0]!.ToJsonString());
        Assert.Equal(
            WorkflowDefinitionJson.Write(definition),
            WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Read(WorkflowDefinitionJson.Write(definition))));
    }

    [Fact]
    public void Read_NestedConnectionsWithPascalCaseNames_AreRead()
    {
        // Elsa's ConnectionJsonConverter also reads "Source"/"Target" and "Activity"/"Port".
        const string json = """
            { "definitionId": "pascal", "root": { "id": "root", "type": "Elsa.Flowchart",
              "activities": [ { "id": "a", "type": "Elsa.WriteLine" }, { "id": "b", "type": "Elsa.WriteLine" } ],
              "connections": [ { "Source": { "Activity": "a", "Port": "Done" }, "Target": { "Activity": "b", "Port": "In" } } ] } }
            """;

        var connection = Assert.Single(WorkflowDefinitionJson.Read(json).Root.Connections);

        Assert.Equal(new Connection.Endpoint("a", "Done"), connection.Source);
        Assert.Equal(new Connection.Endpoint("b", "In"), connection.Target);
        Assert.Empty(connection.Extensions);
    }

    [Theory]
    [InlineData("""{ "source": "a", "target": { "activity": "b" } }""", "$.root.connections[0].target", "flat")]
    [InlineData("""{ "source": { "activity": "a" }, "target": "b" }""", "$.root.connections[0].source", "flat")]
    [InlineData("""{ "source": "a", "sourcePort": "Done" }""", "$.root.connections[0].target", "missing")]
    [InlineData("""{ "source": "a", "target": "b", "sourcePort": 7 }""", "$.root.connections[0].sourcePort", "string")]
    [InlineData("""{ "source": 7, "target": "b" }""", "$.root.connections[0].source", "activity id")]
    public void Read_MalformedFlatConnection_ReportsTheField(string connection, string path, string words)
    {
        var json = $$"""{ "definitionId": "x", "root": { "id": "r", "type": "Elsa.Flowchart", "activities": [], "connections": [ {{connection}} ] } }""";

        var error = Assert.Throws<DefinitionFormatException>(() => WorkflowDefinitionJson.Read(json, "flat.json"));

        Assert.Equal(path, error.Path);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }

    /// <summary>JSON with object keys sorted, so property order does not matter but every value does.</summary>
    private static string Canonical(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        _ => node?.DeepClone(),
    };
}

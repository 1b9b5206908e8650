using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Tests.Support;

namespace AiPlusTasks.Engine.Tests.Definitions;

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

    /// <summary>JSON with object keys sorted, so property order does not matter but every value does.</summary>
    private static string Canonical(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sort)]),
        _ => node?.DeepClone(),
    };
}

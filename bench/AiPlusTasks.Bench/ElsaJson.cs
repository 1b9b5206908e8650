using System.Text.Json.Nodes;

namespace AiPlusTasks.Bench;

/// <summary>Pieces of Elsa 3 flowchart JSON for definitions the bench builds in code.</summary>
internal static class ElsaJson
{
    public static JsonObject Definition(string definitionId, string name, JsonArray variables, JsonArray activities, JsonArray connections) => new()
    {
        ["id"] = definitionId + "-v1",
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["variables"] = variables,
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "root",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = activities,
            ["connections"] = connections,
            ["metadata"] = new JsonObject(),
        },
    };

    public static JsonObject Variable(string name, string typeName, string? value) =>
        new() { ["id"] = name, ["name"] = name, ["typeName"] = typeName, ["value"] = value };

    public static JsonObject Activity(string id, string type, params (string Name, JsonNode Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        activity["metadata"] = new JsonObject();
        return activity;
    }

    public static JsonObject Literal(string value, string typeName = "String") => Input("Literal", value, typeName);

    public static JsonObject JavaScript(string value, string typeName = "String") => Input("JavaScript", value, typeName);

    public static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    public static JsonObject Input(string type, string value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };
}

using System.Text.Json.Nodes;

namespace AiPlusTasks.Tests.Shared;

/// <summary>Builds Elsa 3 flowchart JSON for tests, so each test shows its workflow in a few lines.</summary>
internal static class Wf
{
    public static JsonObject Lit(object value, string typeName = "String") => Input("Literal", value.ToString()!, typeName);

    public static JsonObject Js(string script, string typeName = "Object") => Input("JavaScript", script, typeName);

    public static JsonObject Var(string name, string typeName = "Object") => Input("Variable", name, typeName);

    public static JsonObject Obj(string json) => Input("Object", json, "Object");

    /// <summary>A fork's branches as Elsa Studio writes them: a <c>String[]</c> Object expression holding a JSON array.</summary>
    public static JsonObject Branches(params string[] names) => Input("Object", new JsonArray([.. names.Select(n => (JsonNode)n)]).ToJsonString(), "String[]");

    public static JsonObject Fork(string id, params string[] branches) => A(id, "Elsa.FlowFork", ("branches", Branches(branches)));

    /// <summary>An output bound to a variable (by its id) or a workflow output (by its name), as Elsa Studio writes it.</summary>
    public static JsonObject Bind(string memoryBlockId, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["memoryReference"] = new JsonObject { ["id"] = memoryBlockId },
    };

    public static JsonObject A(string id, string type, params (string Name, JsonNode Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        activity["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 10, ["y"] = 20 } } };
        return activity;
    }

    public static JsonObject WriteLine(string id, string text) => A(id, "Elsa.WriteLine", ("text", Lit(text)));

    public static JsonObject WriteLineJs(string id, string script) => A(id, "Elsa.WriteLine", ("text", Js(script, "String")));

    public static JsonObject Event(string id, string name) => A(id, "Elsa.Event", ("eventName", Lit(name)));

    public static JsonObject Delay(string id, string span) => A(id, "Elsa.Delay", ("timeSpan", Lit(span, "TimeSpan")));

    public static JsonObject SetVariable(string id, string variable, JsonObject value) =>
        A(id, "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = variable, ["name"] = variable }), ("value", value));

    public static JsonObject Decision(string id, string condition) => A(id, "Elsa.FlowDecision", ("condition", Js(condition, "Boolean")));

    public static JsonObject Flowchart(string id, IEnumerable<JsonObject> activities, params string[] connections) => new()
    {
        ["id"] = id,
        ["type"] = "Elsa.Flowchart",
        ["version"] = 1,
        ["activities"] = new JsonArray([.. activities]),
        ["connections"] = new JsonArray([.. connections.Select(Connection)]),
        ["metadata"] = new JsonObject(),
    };

    /// <summary>A definition; connections are written <c>"from:Port->to"</c> (port defaults to Done).</summary>
    public static string Definition(string definitionId, JsonObject[] activities, string[] connections, params (string Name, string TypeName, string? Value)[] variables) =>
        DefinitionOf(definitionId, Flowchart("root", activities, connections), variables);

    public static string DefinitionOf(string definitionId, JsonObject root, params (string Name, string TypeName, string? Value)[] variables) => new JsonObject
    {
        ["id"] = definitionId + "-draft",
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject { ["id"] = v.Name, ["name"] = v.Name, ["typeName"] = v.TypeName, ["value"] = v.Value })]),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["root"] = root,
    }.ToJsonString();

    private static JsonNode Connection(string text)
    {
        var arrow = text.Split("->");
        var source = arrow[0].Split(':');
        return new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source[0], ["port"] = source.Length > 1 ? source[1] : "Done" },
            ["target"] = new JsonObject { ["activity"] = arrow[1], ["port"] = "In" },
        };
    }

    private static JsonObject Input(string type, string value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };
}

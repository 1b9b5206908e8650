using System.Text.Json.Nodes;

namespace AiPlusTasks.Bench.Engine;

/// <summary>
/// The benchmark workflow as Elsa 3 flowchart JSON: three SetVariable steps, an <c>Elsa.Event</c> named <c>go</c>,
/// a FlowDecision on a variable (like WorkflowCore's <c>Decide(data =&gt; data.Approved)</c>; no JavaScript), End.
/// </summary>
internal static class BenchDefinition
{
    public const string DefinitionId = "bench";

    public const string EventName = "go";

    /// <param name="approved">The value the workflow sets before its decision; false sends every instance down the
    /// faulting branch (how the correctness test proves a broken run reports no speed).</param>
    public static string Json(bool approved = true) => new JsonObject
    {
        ["id"] = DefinitionId + "-v1",
        ["definitionId"] = DefinitionId,
        ["name"] = "Benchmark",
        ["version"] = 1,
        ["isLatest"] = true,
        ["isPublished"] = false,
        ["variables"] = new JsonArray(Variable("A", "Int32"), Variable("B", "String"), Variable("Approved", "Boolean")),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "root",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(
                Activity("start", "Elsa.Start"),
                SetVariable("setA", "A", Input("Literal", "1", "Int32")),
                SetVariable("setB", "B", Input("Literal", "two", "String")),
                SetVariable("setApproved", "Approved", Input("Literal", approved ? "true" : "false", "Boolean")),
                Activity("wait", "Elsa.Event", ("eventName", Input("Literal", EventName, "String"))),
                Activity("decide", "Elsa.FlowDecision", ("condition", Input("Variable", "Approved", "Boolean"))),
                Activity("approved", "Elsa.End"),
                Activity("rejected", "Elsa.Fault", ("message", Input("Literal", "the decision took the wrong branch", "String")))),
            ["connections"] = new JsonArray(
                Connection("start", "Done", "setA"),
                Connection("setA", "Done", "setB"),
                Connection("setB", "Done", "setApproved"),
                Connection("setApproved", "Done", "wait"),
                Connection("wait", "Done", "decide"),
                Connection("decide", "True", "approved"),
                Connection("decide", "False", "rejected")),
            ["metadata"] = new JsonObject(),
        },
    }.ToJsonString();

    private static JsonObject Variable(string name, string typeName) => new() { ["id"] = name, ["name"] = name, ["typeName"] = typeName, ["value"] = null };

    private static JsonObject SetVariable(string id, string variable, JsonObject value) =>
        Activity(id, "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = variable, ["name"] = variable }), ("value", value));

    private static JsonObject Activity(string id, string type, params (string Name, JsonNode Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type, ["version"] = 1 };
        foreach (var (name, value) in inputs)
        {
            activity[name] = value;
        }

        activity["metadata"] = new JsonObject();
        return activity;
    }

    private static JsonObject Input(string type, string value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
    };

    private static JsonObject Connection(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}

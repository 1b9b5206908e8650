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
    public static string Json(bool approved = true) => ElsaJson.Definition(
        DefinitionId,
        "Benchmark",
        [ElsaJson.Variable("A", "Int32", null), ElsaJson.Variable("B", "String", null), ElsaJson.Variable("Approved", "Boolean", null)],
        [
            ElsaJson.Activity("start", "Elsa.Start"),
            SetVariable("setA", "A", ElsaJson.Literal("1", "Int32")),
            SetVariable("setB", "B", ElsaJson.Literal("two")),
            SetVariable("setApproved", "Approved", ElsaJson.Literal(approved ? "true" : "false", "Boolean")),
            ElsaJson.Activity("wait", "Elsa.Event", ("eventName", ElsaJson.Literal(EventName))),
            ElsaJson.Activity("decide", "Elsa.FlowDecision", ("condition", ElsaJson.Input("Variable", "Approved", "Boolean"))),
            ElsaJson.Activity("approved", "Elsa.End"),
            ElsaJson.Activity("rejected", "Elsa.Fault", ("message", ElsaJson.Literal("the decision took the wrong branch"))),
        ],
        [
            ElsaJson.Connection("start", "Done", "setA"),
            ElsaJson.Connection("setA", "Done", "setB"),
            ElsaJson.Connection("setB", "Done", "setApproved"),
            ElsaJson.Connection("setApproved", "Done", "wait"),
            ElsaJson.Connection("wait", "Done", "decide"),
            ElsaJson.Connection("decide", "True", "approved"),
            ElsaJson.Connection("decide", "False", "rejected"),
        ]).ToJsonString();

    private static JsonObject SetVariable(string id, string variable, JsonObject value) =>
        ElsaJson.Activity(id, "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = variable, ["name"] = variable }), ("value", value));
}

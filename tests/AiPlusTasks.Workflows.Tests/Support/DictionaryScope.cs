using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Expressions;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Workflows.Tests.Support;

/// <summary>An expression scope of plain dictionaries: workflow variables, the workflow's input and its declared inputs.</summary>
internal sealed class DictionaryScope : IExpressionScope
{
    public DictionaryScope(params string[] declaredInputs)
    {
        var json = JsonNode.Parse(Definition("scope", [], []))!.AsObject();
        json["inputs"] = new JsonArray([.. declaredInputs.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["type"] = "Object" })]);
        Definition = WorkflowDefinitionJson.Read(json.ToJsonString());
    }

    public Dictionary<string, JsonNode?> Variables { get; } = new(StringComparer.Ordinal);

    public CancellationToken Stopping { get; init; }

    public string InstanceId => "i1";

    public string? CorrelationId { get; set; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UnixEpoch;

    public TimeZoneInfo TimeZone => TimeZoneInfo.Utc;

    public JsonObject WorkflowInput { get; init; } = [];

    public JsonNode? LastResult => null;

    public List<string>? RequestedOutcomes { get; set; }

    public WorkflowDefinition Definition { get; }

    public bool HasVariable(string name) => Variables.ContainsKey(name);

    public JsonNode? GetVariable(string name) => Variables.GetValueOrDefault(name);

    public void SetVariable(string name, JsonNode? value) => Variables[name] = value?.DeepClone();

    public IReadOnlyDictionary<string, JsonNode?> VisibleVariables() => new Dictionary<string, JsonNode?>(Variables, StringComparer.Ordinal);

    public JsonNode? GetActivityResult(string activityIdOrName) => null;

    public IEnumerable<ActivityNode> EnclosingActivities() => [];

    public IReadOnlyList<string> OutputNamesOf(ActivityNode activity) => [];

    public JsonNode? GetActivityOutput(ActivityNode activity, string outputName) => null;
}

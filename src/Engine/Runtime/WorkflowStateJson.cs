using System.Text.Json;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>The one serializer setting used for stored instance state.</summary>
internal static class WorkflowStateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(WorkflowState state) => JsonSerializer.Serialize(state, Options);

    public static WorkflowState Deserialize(string json) => JsonSerializer.Deserialize<WorkflowState>(json, Options) ?? new WorkflowState();
}

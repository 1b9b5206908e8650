using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// What a child workflow reports to the parent waiting for it when it ends: the payload that resumes the parent's
/// <see cref="BookmarkKinds.ChildWorkflow"/> bookmark. The engine writes it when a child ends (and when a queued start
/// fails), the designer's test run when the planner completes a child by hand; <c>Elsa.ExecuteWorkflow</c>,
/// <c>Elsa.DispatchWorkflow</c>, workflow-definition activities and <c>AiPlus.FanOut</c> read it. Its JSON keys
/// (<c>instanceId</c>, <c>status</c>, <c>output</c>, <c>message</c>, <c>outcomes</c>) are stored in queued work, so
/// they do not change.
/// </summary>
/// <param name="InstanceId">The child instance.</param>
/// <param name="Status">How it ended: <see cref="WorkflowStatus.Finished"/>, <see cref="WorkflowStatus.Faulted"/> or <see cref="WorkflowStatus.Cancelled"/>.</param>
/// <param name="Output">Its workflow output (empty when it set none).</param>
/// <param name="Message">Why it did not finish (its last incident), if it did not.</param>
/// <param name="Outcomes">The outcomes it ended with (an <c>Elsa.Complete</c>'s), for a workflow-definition activity's ports; null when unknown.</param>
public sealed record ChildOutcome(string InstanceId, WorkflowStatus Status, JsonObject Output, string? Message = null, IReadOnlyList<string>? Outcomes = null)
{
    /// <summary>The child finished (rather than faulted or was cancelled).</summary>
    public bool Finished => Status == WorkflowStatus.Finished;

    /// <summary>
    /// Reads a payload written by <see cref="ToJson"/>. A payload without a known status reads as faulted (the parent
    /// must not go on as if the child had finished); without an output, as an empty output.
    /// </summary>
    public static ChildOutcome Read(JsonNode? payload)
    {
        var status = payload?["status"] is JsonValue value && value.TryGetValue<string>(out var text) && Enum.TryParse<WorkflowStatus>(text, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : (WorkflowStatus?)null;
        var message = payload?["message"] is JsonValue m && m.TryGetValue<string>(out var reason) ? reason : null;
        return new ChildOutcome(
            payload?["instanceId"] is JsonValue id && id.TryGetValue<string>(out var instanceId) ? instanceId : "",
            status ?? WorkflowStatus.Faulted,
            payload?["output"] is JsonObject output ? (JsonObject)output.DeepClone() : [],
            status is null ? message ?? "the child reported no status" : message,
            payload?["outcomes"] is JsonArray list ? [.. list.Select(o => o is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : null);
    }

    /// <summary>The payload, as stored in the parent's resume work item.</summary>
    public JsonObject ToJson() => new()
    {
        ["instanceId"] = InstanceId,
        ["status"] = Status.ToString(),
        ["output"] = Output.DeepClone(),
        ["message"] = Message,
        ["outcomes"] = Outcomes is null ? null : new JsonArray([.. Outcomes.Select(o => (JsonNode)o)]),
    };
}

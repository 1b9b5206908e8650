using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.ExecuteWorkflow</c> and <c>Elsa.DispatchWorkflow</c>: start an instance of <c>workflowDefinitionId</c>
/// (latest published version) with <c>input</c> and <c>correlationId</c>. ExecuteWorkflow runs the child right away
/// and waits for it by default; DispatchWorkflow hands it to the background worker and does not wait by default
/// (<c>waitForCompletion</c>). A waiting activity completes with the child's output as its result, and faults when
/// the child faults or is cancelled. A non-waiting one completes with <c>{"instanceId": …}</c>.
/// </summary>
internal sealed class ChildWorkflowActivity(string type, bool inline) : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        type,
        "integration",
        [
            new("workflowDefinitionId", InputKind.Text, Required: true),
            new("input", InputKind.Json),
            new("correlationId", InputKind.Text),
            new("waitForCompletion", InputKind.Condition, DefaultValue: inline ? "true" : "false"),
        ],
        ActivityDescriptor.DoneOnly)
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public static ChildWorkflowActivity Execute() => new(ActivityTypes.ExecuteWorkflow, inline: true);

    public static ChildWorkflowActivity Dispatch() => new(ActivityTypes.DispatchWorkflow, inline: false);

    public void Execute(ActivityExecutionContext context)
    {
        var definitionId = context.RequireText("workflowDefinitionId");
        var input = context.Evaluate("input") switch
        {
            null => [],
            JsonObject obj => obj,
            JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('{') => (JsonObject)JsonNode.Parse(s)!,
            _ => throw new ActivityFaultException("input 'input' must be an object"),
        };
        var wait = context.EvaluateBool("waitForCompletion", inline);
        var childId = context.StartChildWorkflow(definitionId, input, context.EvaluateText("correlationId"), wait, inline);
        if (!wait)
        {
            context.Complete(result: new JsonObject { ["instanceId"] = childId });
        }
    }

    public void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload)
    {
        var child = ChildOutcome.Read(payload);
        if (!child.Finished)
        {
            throw new ActivityFaultException($"child workflow {bookmark.Key} ended {child.Status}{(child.Message is null ? "" : ": " + child.Message)}");
        }

        context.Complete(result: child.Output);
    }
}

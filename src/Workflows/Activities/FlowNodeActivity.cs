using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.FlowNode</c>: runs its <c>body</c> activity, if it has one, then completes on <c>Done</c>; without a body it
/// completes at once (Elsa's <c>FlowNode.cs</c>: scheduling a null body calls the completion callback straight away).
/// </summary>
internal sealed class FlowNodeActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.FlowNode, "flow", [], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        if (context.Node.Body is { } body)
        {
            context.ScheduleChild(body);
            return;
        }

        context.Complete();
    }

    public void OnChildCompleted(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes) => context.Complete();
}

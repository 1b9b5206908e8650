using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;

namespace AiPlusTasks.Engine.Activities;

/// <summary><c>Elsa.FlowFork</c>: completes on every branch named in <c>branches</c>, so they run in parallel.</summary>
internal sealed class FlowForkActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.FlowFork,
        "flow",
        [new("branches", InputKind.Names, Required: true)],
        node => ActivityExecutionContext.ParseNames(node.GetInput("branches")?.Value));

    public void Execute(ActivityExecutionContext context) => context.Complete(context.EvaluateNames("branches"));
}

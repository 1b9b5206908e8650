using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.FlowFork</c>: completes on every branch named in <c>branches</c>, so they run in parallel. The names are read
/// as Elsa reads them (<see cref="ForkBranches"/>: a JSON array; a comma-separated text is one branch); with none given
/// the fork completes on <c>Done</c>, as Elsa's does.
/// </summary>
internal sealed class FlowForkActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.FlowFork,
        "flow",
        [new(ForkBranches.InputName, InputKind.Names)],
        ForkBranches.Declared);

    public void Execute(ActivityExecutionContext context) =>
        context.Complete(ForkBranches.Read(context.Evaluate(ForkBranches.InputName)) ?? [ActivityDescriptor.Done]);
}

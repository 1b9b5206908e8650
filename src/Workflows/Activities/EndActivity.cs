using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.End</c>: ends the enclosing flowchart, cancelling whatever else is still active in it.</summary>
internal sealed class EndActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.End, "flow", [], ActivityDescriptor.NoOutcomes) { Terminal = true };

    public void Execute(ActivityExecutionContext context) => context.CompleteParent();
}

using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.Start</c>: marks where a flowchart begins; completes at once.</summary>
internal sealed class StartActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Start, "flow", [], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context) => context.Complete();
}

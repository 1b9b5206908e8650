using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.Complete</c>: ends the whole workflow with optional outcomes, cancelling whatever else is active.</summary>
internal sealed class CompleteActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Complete, "flow", [new("outcomes", InputKind.Names)], ActivityDescriptor.NoOutcomes) { Terminal = true };

    public void Execute(ActivityExecutionContext context)
    {
        var outcomes = context.EvaluateNames("outcomes");
        context.CompleteWorkflow(outcomes.Count > 0 ? outcomes : [ActivityDescriptor.Done]);
    }
}

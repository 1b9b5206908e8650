using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.FlowDecision</c>: completes on <c>True</c> or <c>False</c> by its condition; an absent or null condition is false
/// (Elsa's <c>Condition</c> defaults to a <c>false</c> literal).
/// </summary>
internal sealed class FlowDecisionActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.FlowDecision,
        "flow",
        [new("condition", InputKind.Condition)],
        _ => ["True", "False"]);

    public void Execute(ActivityExecutionContext context) =>
        context.Complete(context.EvaluateBool("condition") ? "True" : "False");
}

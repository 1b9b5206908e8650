using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.Correlate</c>: sets the instance's correlation id (events raised for it then reach this instance). An absent or
/// null value clears it, as Elsa's assigns whatever the input gives.
/// </summary>
internal sealed class CorrelateActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Correlate, "integration", [new("correlationId", InputKind.Text)], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        context.Scope.CorrelationId = context.EvaluateText("correlationId");
        context.Complete();
    }
}

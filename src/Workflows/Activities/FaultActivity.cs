using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.Fault</c>: faults the instance with <c>message</c>, recording an incident.</summary>
internal sealed class FaultActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Fault, "flow", [new("message", InputKind.Text), new("code", InputKind.Text)], ActivityDescriptor.NoOutcomes);

    public void Execute(ActivityExecutionContext context)
    {
        var message = context.EvaluateText("message") ?? "fault";
        var code = context.EvaluateText("code");
        throw new ActivityFaultException(code is null ? message : $"{code}: {message}");
    }
}

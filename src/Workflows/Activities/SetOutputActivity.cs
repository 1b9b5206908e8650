using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.SetOutput</c>: sets the workflow output <c>outputName</c> to the value of <c>outputValue</c>; an absent value sets it
/// to null (Elsa reads it with <c>GetOrDefault</c>).
/// </summary>
internal sealed class SetOutputActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.SetOutput,
        "flow",
        [new("outputName", InputKind.Text, Required: true), new("outputValue", InputKind.Value)],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        context.SetOutput(context.RequireText("outputName"), context.Evaluate("outputValue"));
        context.Complete();
    }
}

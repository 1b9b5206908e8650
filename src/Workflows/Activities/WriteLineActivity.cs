using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.WriteLine</c>: writes its text to the instance's journal. A text that is absent or null (or an expression whose
/// value is null) writes an empty line, as Elsa's <c>TextWriter.WriteLine(null)</c> does.
/// </summary>
internal sealed class WriteLineActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.WriteLine, "flow", [new("text", InputKind.Text)], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        context.WriteLine(context.EvaluateText("text") ?? "");
        context.Complete();
    }
}

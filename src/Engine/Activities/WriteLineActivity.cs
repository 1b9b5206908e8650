using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;

namespace AiPlusTasks.Engine.Activities;

/// <summary><c>Elsa.WriteLine</c>: writes its text to the instance's journal.</summary>
internal sealed class WriteLineActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.WriteLine, "flow", [new("text", InputKind.Text, Required: true)], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        context.WriteLine(context.EvaluateText("text") ?? "");
        context.Complete();
    }
}

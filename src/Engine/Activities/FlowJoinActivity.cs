using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;

namespace AiPlusTasks.Engine.Activities;

/// <summary>
/// <c>Elsa.FlowJoin</c>: an explicit merge. The flowchart decides when it runs (<c>mode</c> WaitAll: once every inbound
/// branch has arrived or is known dead; WaitAny: on the first live branch, cancelling the rest); running it just completes.
/// </summary>
internal sealed class FlowJoinActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.FlowJoin,
        "flow",
        [new("mode", InputKind.Choice, Choices: ["WaitAll", "WaitAny"], DefaultValue: "WaitAll")],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context) => context.Complete();
}

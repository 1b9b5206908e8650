using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.FlowJoin</c>: an explicit merge. The flowchart decides when it runs by its <c>mode</c>
/// (<see cref="JoinRules.Of"/>): <c>WaitAny</c> (Elsa's default) on the first live branch, cancelling the branches that
/// have started; <c>WaitAll</c> once every inbound branch has arrived live; <c>WaitAllActive</c> once every inbound
/// branch has arrived or is known dead. Running it just completes.
/// </summary>
internal sealed class FlowJoinActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.FlowJoin,
        "flow",
        [new("mode", InputKind.Choice, Choices: JoinRules.FlowJoinModes, DefaultValue: "WaitAny")],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context) => context.Complete();
}

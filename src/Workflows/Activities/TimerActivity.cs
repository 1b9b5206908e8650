using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.Timer</c>: inside a flow, waits one <c>interval</c> (a persisted timer), then completes.</summary>
internal sealed class TimerActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Timer, "time", [new("interval", InputKind.Duration, Required: true)], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context) =>
        context.CreateBookmark(BookmarkKinds.Timer, resumeAt: context.Now + context.RequireDuration("interval"));
}

using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.Delay</c>: waits <c>timeSpan</c> (a persisted timer), then completes.</summary>
internal sealed class DelayActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Delay, "time", [new("timeSpan", InputKind.Duration, Required: true)], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context) =>
        context.CreateBookmark(BookmarkKinds.Timer, resumeAt: context.Now + context.RequireDuration("timeSpan"));
}

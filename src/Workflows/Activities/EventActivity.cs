using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.Event</c>: waits for the event <c>eventName</c> raised for the instance's correlation id (or for any
/// instance when raised without one); completes with the event's payload as its result.
/// </summary>
internal sealed class EventActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Event, "integration", [new("eventName", InputKind.Text, Required: true)], ActivityDescriptor.DoneOnly)
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public void Execute(ActivityExecutionContext context) =>
        context.CreateBookmark(BookmarkKinds.Event, key: context.RequireText("eventName"));
}

using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary><c>Elsa.Sequence</c>: runs its activities one after another, then completes.</summary>
internal sealed class SequenceActivity : IActivity
{
    private const string IndexKey = "index";

    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Sequence, "flow", [], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context) => RunFrom(context, 0);

    public void OnChildCompleted(ActivityExecutionContext context, ActivityNode child, IReadOnlyList<string> outcomes) =>
        RunFrom(context, (context.Memory[IndexKey]?.GetValue<int>() ?? 0) + 1);

    private static void RunFrom(ActivityExecutionContext context, int index)
    {
        if (index >= context.Node.Activities.Count)
        {
            context.Complete();
            return;
        }

        context.Memory[IndexKey] = index;
        context.ScheduleChild(context.Node.Activities[index]);
    }
}

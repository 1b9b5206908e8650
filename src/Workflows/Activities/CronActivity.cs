using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.Cron</c>: waits until the next occurrence of <c>cronExpression</c> (five fields, or six with seconds),
/// evaluated in the engine's time zone (China Standard Time by default), then completes.
/// </summary>
internal sealed class CronActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(ActivityTypes.Cron, "time", [new("cronExpression", InputKind.Cron, Required: true)], ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        var text = context.RequireText("cronExpression");
        var expression = CronExpressions.Parse(text) ?? throw new ActivityFaultException($"input 'cronExpression': '{text}' is not a cron expression");
        var next = expression.GetNextOccurrence(context.Now, context.TimeZone)
            ?? throw new ActivityFaultException($"cron expression '{text}' never occurs again");
        context.CreateBookmark(BookmarkKinds.Timer, resumeAt: next);
    }
}

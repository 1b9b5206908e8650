using AiPlusTasks.Engine.Definitions;
using AiPlusTasks.Engine.Execution;
using Cronos;

namespace AiPlusTasks.Engine.Activities;

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
        var expression = Parse(text) ?? throw new ActivityFaultException($"input 'cronExpression': '{text}' is not a cron expression");
        var next = expression.GetNextOccurrence(context.Now, context.TimeZone)
            ?? throw new ActivityFaultException($"cron expression '{text}' never occurs again");
        context.CreateBookmark(BookmarkKinds.Timer, resumeAt: next);
    }

    /// <summary>Parses five-field cron, or six fields with seconds first; null when invalid.</summary>
    public static CronExpression? Parse(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        return CronExpression.TryParse(text, format, out var expression) ? expression : null;
    }
}

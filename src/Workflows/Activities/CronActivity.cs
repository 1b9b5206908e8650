using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Cronos;

namespace AiPlusTasks.Workflows.Activities;

/// <summary>
/// <c>Elsa.Cron</c>: waits until the next occurrence of <c>cronExpression</c> (five fields, or six with seconds),
/// evaluated in the engine's time zone (China Standard Time by default), then completes. Our extension (Elsa has no such
/// input): with <c>skipNonWorkingDays</c> true (default false) it waits for the next occurrence that falls on a working
/// day of the official calendar in force — a daily 09:00 cron skips National Day and fires on a make-up Saturday (调休).
/// </summary>
internal sealed class CronActivity : IActivity
{
    /// <summary>How many non-working stretches the search for a working occurrence crosses before it gives up (about 20 years of weekends).</summary>
    private const int MaxSkips = 2_000;

    public ActivityDescriptor Descriptor { get; } = new(
        ActivityTypes.Cron,
        "time",
        [
            new("cronExpression", InputKind.Cron, Required: true),
            new("skipNonWorkingDays", InputKind.Condition, DefaultValue: "false"),
        ],
        ActivityDescriptor.DoneOnly);

    public void Execute(ActivityExecutionContext context)
    {
        var text = context.RequireText("cronExpression");
        var expression = CronExpressions.Parse(text) ?? throw new ActivityFaultException($"input 'cronExpression': '{text}' is not a cron expression");
        var next = context.EvaluateBool("skipNonWorkingDays")
            ? NextOnWorkingDay(expression, context.Now, context.TimeZone, context.WorkingDays)
            : expression.GetNextOccurrence(context.Now, context.TimeZone);
        context.CreateBookmark(BookmarkKinds.Timer, resumeAt: next ?? throw new ActivityFaultException($"cron expression '{text}' never occurs again"));
    }

    /// <summary>The next occurrence after <paramref name="now"/> on a working day; an occurrence on a non-working day is passed over by searching again from the start of the next working day.</summary>
    private static DateTimeOffset? NextOnWorkingDay(CronExpression expression, DateTimeOffset now, TimeZoneInfo timeZone, WorkingDays days)
    {
        var next = expression.GetNextOccurrence(now, timeZone);
        for (var skips = 0; next is { } at && !days.IsWorkingDay(WorkingDays.LocalDate(at, timeZone)); skips++)
        {
            if (skips == MaxSkips)
            {
                throw new ActivityFaultException("the cron expression never occurs on a working day (input 'skipNonWorkingDays')");
            }

            var workingDay = days.OnOrNextWorkingDay(WorkingDays.LocalDate(at, timeZone));
            next = expression.GetNextOccurrence(WorkingDays.StartOfDay(workingDay, timeZone), timeZone, inclusive: true);
        }

        return next;
    }
}

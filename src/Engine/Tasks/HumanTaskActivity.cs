using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// <c>AiPlus.HumanTask</c>: issues a task to an agency and waits until someone completes it with one of its
/// <c>outcomes</c>; the workflow continues on that outcome's port with the completion data as result
/// (<c>{outcome, data, by}</c>). The task row and its bookmark are made in the same burst. With an <c>escalation</c>
/// ladder, each step is a persisted timer relative to the due time that records a supervision action and recolours the
/// task (by the plan's colour rule <c>blueWithin</c> when given); steps already due when the task is issued are applied
/// at once, in ladder order, in the same burst; completing the task removes the steps still pending.
/// Days (docs/decisions/025): <c>dueWorkingDays</c> N makes the due time the end (24:00 China time) of the Nth working day
/// after the issue date; <c>dayCount</c> <c>"working"</c> counts the whole days of ladder offsets, of a <c>dueAt</c> duration
/// and of <c>blueWithin</c> as working days (default <c>"calendar"</c>, what definitions written before meant);
/// <c>moveOffNonWorkingDays</c> true (default false) moves a due time on a non-working day to the same time on the next
/// working day (a due time at local midnight is the end of the day before). The ladder stored on the task holds the computed times.
/// <c>title</c> and <c>description</c> are one text for both languages or an object of texts per language,
/// <c>{"zh": "…", "en": "…"}</c> (a JavaScript expression may return one).
/// Co-units (主办/协办, docs/decisions/028): <c>coUnits</c> names agencies (a list, literal or expression; the assignee's own
/// agency and repeats are ignored) that each get a sub-task of kind <c>contribution</c> in the same burst, linked to the
/// task by <see cref="TaskRecord.ParentTaskId"/>, asking the task's form (the standard progress report when it has none);
/// a sub-task's completion is recorded without completing the activity; the task's completion cancels the sub-tasks
/// still open ("主办单位已提交"). An unknown agency faults the activity naming the input.
/// </summary>
internal sealed class HumanTaskActivity(IOptions<TaskOptions> options, AgencyDirectory? agencies = null) : IActivity
{
    public const string Type = "AiPlus.HumanTask";
    private const string TaskIdKey = "taskId";
    private const string LadderKey = "ladder";
    private const string DueKey = "dueAt";
    private const string ReturnCountKey = "returnCount";
    private const string BlueWithinKey = "blueWithin";
    private const string DayCountKey = "dayCount";

    /// <summary>The co-units' sub-tasks still open: task id → agency.</summary>
    private const string CoUnitsKey = "coUnits";

    /// <summary>The standard progress report form, as stored on a task.</summary>
    private static readonly string ReportSchema = JsonNode.Parse(ProgressReportData.Schema)!.ToJsonString();

    /// <summary>The key prefix of an escalation ladder's timer bookmarks: <c>escalation:1</c> fires the first step.</summary>
    internal const string EscalationPrefix = "escalation:";

    public ActivityDescriptor Descriptor { get; } = new(
        Type,
        "tasks",
        [
            .. TaskIssue.TextInputs,
            new("assigneeAgency", InputKind.Text, Required: true),
            new("assigneeRole", InputKind.Choice, Choices: ["staff", "lead"]),
            new("assigneeUser", InputKind.Text),
            .. TaskIssue.WorkInputs(StepKinds.Task),
            new("outcomes", InputKind.Names, DefaultValue: ActivityDescriptor.Done),
            .. TaskIssue.FormInputs,
            new("escalation", InputKind.Json),
            TaskIssue.BlueWithinInput,
            new("coUnits", InputKind.Names),
        ],
        Outcomes)
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public void Execute(ActivityExecutionContext context)
    {
        var now = context.Now;
        var issue = TaskIssue.Evaluate(context, options.Value, agencies, StepKinds.Task);
        var dueAt = issue.DueAt;
        var counting = issue.Counting;
        var ladder = EscalationStep.Parse(context.Evaluate("escalation"));
        if (ladder.Count > 0 && dueAt is null)
        {
            throw new ActivityFaultException("an escalation ladder needs input 'dueAt'");
        }

        // Every co-unit is checked before anything is issued: a fault must not leave the lead's task without its bookmark.
        var assignee = context.RequireText("assigneeAgency");
        var coUnitAgencies = context.EvaluateNames(CoUnitsKey).Distinct(StringComparer.Ordinal).Where(a => a != assignee).ToList();
        foreach (var agency in coUnitAgencies)
        {
            issue.RequireAgency(agency, CoUnitsKey);
        }

        var record = issue.Issue(
            context,
            assignee,
            context.EvaluateText("assigneeRole"),
            context.EvaluateText("assigneeUser"),
            Outcomes(context.EvaluateNames("outcomes")));
        var taskId = record.Id;
        context.Memory[TaskIdKey] = taskId;
        var steps = new JsonArray();
        var pastRungs = new List<TaskEffects.Escalated>();
        for (var i = 0; i < ladder.Count; i++)
        {
            var at = counting.Shift(dueAt!.Value, ladder[i].Offset);
            steps.Add(new JsonObject { ["level"] = i + 1, ["action"] = ladder[i].Action, ["at"] = at.ToString("O", CultureInfo.InvariantCulture) });
            if (at > now)
            {
                context.CreateBookmark(BookmarkKinds.Timer, key: EscalationPrefix + (i + 1).ToString(CultureInfo.InvariantCulture), resumeAt: at);
            }
            else
            {
                // A task issued late gets every rung already due at once, in ladder order, coloured by the rule as now.
                pastRungs.Add(new TaskEffects.Escalated(taskId, i + 1, ladder[i].Action, record.Colour));
            }
        }

        record.EscalationLadder = steps.Count > 0 ? steps.ToJsonString() : null;
        context.AddEffect(new TaskEffects.Created(record));
        foreach (var rung in pastRungs)
        {
            context.AddEffect(rung);
        }

        var coUnits = new JsonObject();
        foreach (var agency in coUnitAgencies)
        {
            var part = issue.Issue(context, agency, role: null, user: null, [TaskOutcomes.Submitted], input: CoUnitsKey);
            part.Kind = StepKinds.Contribution;
            part.ParentTaskId = taskId;
            part.Schema = record.Schema ?? ReportSchema;
            part.Prefill = null;
            coUnits[part.Id] = agency;
            context.AddEffect(new TaskEffects.Created(part));
        }

        // Only a task with co-units keeps them: the instance state of every other task stays as small as before.
        if (coUnits.Count > 0)
        {
            context.Memory[CoUnitsKey] = coUnits;
        }

        context.Memory[LadderKey] = steps;
        context.Memory[DueKey] = dueAt?.ToString("O", CultureInfo.InvariantCulture);
        context.Memory[ReturnCountKey] = issue.ReturnCount;
        context.Memory[BlueWithinKey] = issue.BlueWithin is { } span ? System.Xml.XmlConvert.ToString(span) : null;
        context.Memory[DayCountKey] = counting.Count == DayCount.Working ? TaskIssue.WorkingDayCount : TaskIssue.CalendarDayCount;
    }

    /// <summary>The command payload's <c>command</c> for moving the due time (<c>{command, dueAt, reason, by}</c>).</summary>
    internal const string ExtendDueCommand = "extendDue";

    public void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload)
    {
        var taskId = context.Memory[TaskIdKey]!.GetValue<string>();
        if (bookmark.Kind == BookmarkKinds.HumanTask && bookmark.Key == taskId && payload?["command"]?.GetValue<string>() == ExtendDueCommand)
        {
            ExtendDue(context, taskId, payload);
            return;
        }

        if (bookmark.Key is { } key && key.StartsWith(EscalationPrefix, StringComparison.Ordinal))
        {
            var level = int.Parse(key[EscalationPrefix.Length..], CultureInfo.InvariantCulture);
            var step = context.Memory[LadderKey]![level - 1]!;
            var due = DateTimeOffset.Parse(context.Memory[DueKey]!.GetValue<string>(), CultureInfo.InvariantCulture);
            context.AddEffect(new TaskEffects.Escalated(taskId, level, step["action"]!.GetValue<string>(), ColourAt(context, due)));
            return;
        }

        var outcome = payload?["outcome"]?.GetValue<string>() ?? ActivityDescriptor.Done;
        var by = payload?["by"]?.GetValue<string>() ?? TaskEffects.System;
        var actingFor = payload?["actingFor"]?.GetValue<string>();
        var open = context.Memory[CoUnitsKey] as JsonObject ?? [];
        if (bookmark.Key is { } partId && partId != taskId && open.ContainsKey(partId))
        {
            // A co-unit reported its part: recorded; the lead unit's task stays open.
            open.Remove(partId);
            context.AddEffect(new TaskEffects.Completed(partId, outcome, payload?["data"]?.DeepClone(), by, actingFor));
            return;
        }

        if (open.Count > 0 && payload?["coUnitOverride"]?["reason"] is JsonValue reason && reason.TryGetValue<string>(out var why))
        {
            context.AddEffect(new TaskEffects.CoUnitsOverridden(taskId, why, by, [.. open.Select(p => p.Value!.GetValue<string>())]));
        }

        context.AddEffect(new TaskEffects.Completed(taskId, outcome, payload?["data"]?.DeepClone(), by, actingFor));
        CancelCoUnits(context, TaskEffects.LeadSubmitted);
        var result = new JsonObject { ["taskId"] = taskId, ["outcome"] = outcome, ["data"] = payload?["data"]?.DeepClone() };
        TaskEffects.AddActor(result, by, actingFor);
        context.Complete([outcome], result);
    }

    public void OnCancelled(ActivityExecutionContext context)
    {
        if (context.Memory[TaskIdKey]?.GetValue<string>() is { } taskId)
        {
            context.AddEffect(new TaskEffects.Cancelled(taskId));
        }

        CancelCoUnits(context, null);
    }

    /// <summary>
    /// Moves the task's due time (a command through the task's own bookmark, which is made again; the service checked the
    /// command): the colour follows the new time, and every rung of the ladder whose time, counted from the new due time,
    /// is still to come waits for it with a timer — the pending rungs move, and a rung that already fired fires again at
    /// its new time (what it did stays in the history). Rungs whose new time has passed are not applied again.
    /// </summary>
    private void ExtendDue(ActivityExecutionContext context, string taskId, JsonNode payload)
    {
        var from = context.Memory[DueKey]?.GetValue<string>() is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
        var to = DateTimeOffset.Parse(payload["dueAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var counting = Counting(context);
        var steps = context.Memory[LadderKey] as JsonArray ?? [];
        foreach (var timer in context.State.Bookmarks.Where(b => b.Key?.StartsWith(EscalationPrefix, StringComparison.Ordinal) == true).ToList())
        {
            context.RemoveBookmark(timer.Id);
        }

        // Each rung keeps its offset from the due time, counted the task's way, as at issue; a ladder that can no longer
        // be read the same (its expression changed meaning) moves by the same time as the due date.
        IReadOnlyList<EscalationStep> ladder;
        try
        {
            ladder = EscalationStep.Parse(context.Evaluate("escalation"));
        }
        catch (Exception e) when (e is ExpressionException or FormatException or ActivityFaultException or InvalidOperationException)
        {
            ladder = [];
        }

        for (var i = 0; i < steps.Count; i++)
        {
            var at = DateTimeOffset.Parse(steps[i]!["at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var moved = ladder.Count == steps.Count ? counting.Shift(to, ladder[i].Offset) : at + (to - (from ?? to));
            steps[i]!["at"] = moved.ToString("O", CultureInfo.InvariantCulture);
            if (moved > context.Now)
            {
                context.CreateBookmark(BookmarkKinds.Timer, key: EscalationPrefix + (i + 1).ToString(CultureInfo.InvariantCulture), resumeAt: moved);
            }
        }

        context.Memory[DueKey] = to.ToString("O", CultureInfo.InvariantCulture);
        var colour = ColourAt(context, to);
        var bookmark = context.CreateBookmark(BookmarkKinds.HumanTask, key: taskId);
        context.AddEffect(new TaskEffects.DueExtended(
            taskId, to, colour, payload["reason"]?.GetValue<string>() ?? "", payload["by"]?.GetValue<string>() ?? TaskEffects.System, bookmark.Id, steps.Count > 0 ? steps.ToJsonString() : null));
    }

    /// <summary>The task's colour now, were it due at <paramref name="due"/>, by its rule and day counting as issued.</summary>
    private TaskColour ColourAt(ActivityExecutionContext context, DateTimeOffset due)
    {
        var rule = context.Memory[BlueWithinKey]?.GetValue<string>() is { } text ? System.Xml.XmlConvert.ToTimeSpan(text) : (TimeSpan?)null;
        return options.Value.ColourAt(due, context.Now, context.Memory[ReturnCountKey]?.GetValue<int>() ?? 0, rule, Counting(context));
    }

    /// <summary>How the task counts days; a task issued before day counts existed has none in its memory: it counted calendar days.</summary>
    private static DayCounting Counting(ActivityExecutionContext context) =>
        new(TaskIssue.ParseDayCount(context.Memory[DayCountKey]?.GetValue<string>()), context.WorkingDays, context.TimeZone);

    /// <summary>Cancels the co-units' sub-tasks still open (their bookmarks go with the activity).</summary>
    private static void CancelCoUnits(ActivityExecutionContext context, (string Zh, string En)? reason)
    {
        if (context.Memory[CoUnitsKey] is JsonObject open)
        {
            foreach (var (partId, _) in open)
            {
                context.AddEffect(new TaskEffects.Cancelled(partId, reason));
            }

            open.Clear();
        }
    }

    /// <summary>The outcome ports: the <c>outcomes</c> input, <c>Done</c> when none.</summary>
    private static IReadOnlyList<string> Outcomes(ActivityNode node) => Outcomes(ActivityExecutionContext.ParseNames(node.GetInput("outcomes")?.Value));

    private static IReadOnlyList<string> Outcomes(IReadOnlyList<string> names) => names.Count > 0 ? names : [ActivityDescriptor.Done];
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
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

    /// <summary>The <c>dayCount</c> input's value for calendar days (the default).</summary>
    internal const string CalendarDayCount = "calendar";

    /// <summary>The <c>dayCount</c> input's value for working days.</summary>
    internal const string WorkingDayCount = "working";

    private static readonly IReadOnlyList<string> DayCounts = [CalendarDayCount, WorkingDayCount];

    /// <summary>The key prefix of an escalation ladder's timer bookmarks: <c>escalation:1</c> fires the first step.</summary>
    internal const string EscalationPrefix = "escalation:";

    public ActivityDescriptor Descriptor { get; } = new(
        Type,
        "tasks",
        [
            new("title", InputKind.Text, Required: true),
            new("description", InputKind.Text),
            new("assigneeAgency", InputKind.Text, Required: true),
            new("assigneeRole", InputKind.Choice, Choices: ["staff", "lead"]),
            new("assigneeUser", InputKind.Text),
            new("kind", InputKind.Choice, Choices: StepKinds.All, DefaultValue: StepKinds.Task),
            new("dueAt", InputKind.Text),
            new("dueWorkingDays", InputKind.Number),
            new("dayCount", InputKind.Choice, Choices: DayCounts, DefaultValue: CalendarDayCount),
            new("moveOffNonWorkingDays", InputKind.Condition, DefaultValue: "false"),
            new("priority", InputKind.Number, DefaultValue: "3"),
            new("pillar", InputKind.Text),
            new("planId", InputKind.Text),
            new("leadAgency", InputKind.Text),
            new("outcomes", InputKind.Names, DefaultValue: ActivityDescriptor.Done),
            new("schema", InputKind.Json),
            new("prefill", InputKind.Json),
            new("returnCount", InputKind.Number),
            new("returnReason", InputKind.Text),
            new("escalation", InputKind.Json),
            new("blueWithin", InputKind.Duration),
        ],
        Outcomes)
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public void Execute(ActivityExecutionContext context)
    {
        var now = context.Now;
        var counting = new DayCounting(ParseDayCount(context.EvaluateText("dayCount")), context.WorkingDays, context.TimeZone);
        var dueAt = DueAt(context, counting);
        var returnCount = (int)context.EvaluateNumber("returnCount", 0);
        var blueWithin = context.EvaluateText("blueWithin") is { Length: > 0 } rule
            ? ActivityExecutionContext.ParseDuration(rule) ?? throw new ActivityFaultException($"input 'blueWithin': '{rule}' is not a duration")
            : (TimeSpan?)null;
        var outcomes = Outcomes(context.EvaluateNames("outcomes"));
        var ladder = EscalationStep.Parse(context.Evaluate("escalation"));
        if (ladder.Count > 0 && dueAt is null)
        {
            throw new ActivityFaultException("an escalation ladder needs input 'dueAt'");
        }

        var schema = context.Evaluate("schema") switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : ParseSchema(text),
            var node => node.ToJsonString(),
        };
        var title = Texts(context.Evaluate("title"), "title");
        var description = Texts(context.Evaluate("description"), "description");
        var taskId = Guid.NewGuid().ToString("N");
        var bookmark = context.CreateBookmark(BookmarkKinds.HumanTask, key: taskId);
        context.Memory[TaskIdKey] = taskId;
        var record = new TaskRecord
        {
            Id = taskId,
            InstanceId = context.InstanceId,
            DefinitionId = context.DefinitionId,
            ActivityId = context.Node.Id,
            BookmarkId = bookmark.Id,
            CorrelationId = context.CorrelationId,
            Title = title.Zh ?? throw new ActivityFaultException("input 'title' is required"),
            TitleEn = title.En,
            Description = description.Zh,
            DescriptionEn = description.En,
            Kind = context.EvaluateText("kind") ?? "task",
            AgencyCode = KnownAgency(context.RequireText("assigneeAgency")),
            AssigneeRole = context.EvaluateText("assigneeRole"),
            AssigneeUser = context.EvaluateText("assigneeUser"),
            State = TaskState.Open,
            Colour = options.Value.ColourAt(dueAt, now, returnCount, blueWithin, counting),
            Priority = (int)context.EvaluateNumber("priority", 3),
            Pillar = context.EvaluateText("pillar"),
            PlanId = context.EvaluateText("planId"),
            LeadAgencyCode = context.EvaluateText("leadAgency"),
            DueAt = dueAt,
            Outcomes = new JsonArray([.. outcomes.Select(o => (JsonNode)o)]).ToJsonString(),
            Schema = schema,
            Prefill = context.Evaluate("prefill")?.ToJsonString(),
            ReturnCount = returnCount,
            ReturnReason = context.EvaluateText("returnReason"),
            CreatedAt = now,
            UpdatedAt = now,
        };
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

        context.Memory[LadderKey] = steps;
        context.Memory[DueKey] = dueAt?.ToString("O", CultureInfo.InvariantCulture);
        context.Memory[ReturnCountKey] = returnCount;
        context.Memory[BlueWithinKey] = blueWithin is { } span ? System.Xml.XmlConvert.ToString(span) : null;
        context.Memory[DayCountKey] = counting.Count == DayCount.Working ? WorkingDayCount : CalendarDayCount;
    }

    public void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload)
    {
        var taskId = context.Memory[TaskIdKey]!.GetValue<string>();
        if (bookmark.Key is { } key && key.StartsWith(EscalationPrefix, StringComparison.Ordinal))
        {
            var level = int.Parse(key[EscalationPrefix.Length..], CultureInfo.InvariantCulture);
            var step = context.Memory[LadderKey]![level - 1]!;
            var due = DateTimeOffset.Parse(context.Memory[DueKey]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var rule = context.Memory[BlueWithinKey]?.GetValue<string>() is { } text ? System.Xml.XmlConvert.ToTimeSpan(text) : (TimeSpan?)null;
            // A task issued before day counts existed has none in its memory: it counted calendar days.
            var counting = new DayCounting(ParseDayCount(context.Memory[DayCountKey]?.GetValue<string>()), context.WorkingDays, context.TimeZone);
            var colour = options.Value.ColourAt(due, context.Now, context.Memory[ReturnCountKey]?.GetValue<int>() ?? 0, rule, counting);
            context.AddEffect(new TaskEffects.Escalated(taskId, level, step["action"]!.GetValue<string>(), colour));
            return;
        }

        var outcome = payload?["outcome"]?.GetValue<string>() ?? ActivityDescriptor.Done;
        var by = payload?["by"]?.GetValue<string>() ?? TaskEffects.System;
        context.AddEffect(new TaskEffects.Completed(taskId, outcome, payload?["data"]?.DeepClone(), by));
        context.Complete([outcome], new JsonObject { ["taskId"] = taskId, ["outcome"] = outcome, ["data"] = payload?["data"]?.DeepClone(), ["by"] = by });
    }

    public void OnCancelled(ActivityExecutionContext context)
    {
        if (context.Memory[TaskIdKey]?.GetValue<string>() is { } taskId)
        {
            context.AddEffect(new TaskEffects.Cancelled(taskId));
        }
    }

    /// <summary>The agency code, checked against the directory when one is configured.</summary>
    private string KnownAgency(string code) => agencies is null || agencies.Find(code) is not null
        ? code
        : throw new ActivityFaultException($"input 'assigneeAgency': unknown agency '{code}'");

    /// <summary>The outcome ports: the <c>outcomes</c> input, <c>Done</c> when none.</summary>
    private static IReadOnlyList<string> Outcomes(ActivityNode node) => Outcomes(ActivityExecutionContext.ParseNames(node.GetInput("outcomes")?.Value));

    private static IReadOnlyList<string> Outcomes(IReadOnlyList<string> names) => names.Count > 0 ? names : [ActivityDescriptor.Done];

    /// <summary>
    /// A text per language: <c>{"zh": "…", "en": "…"}</c> (either may be missing: the other stands in for it), or one
    /// text for both languages (English null). Blank texts count as missing; (null, null) when there is no text.
    /// </summary>
    private static (string? Zh, string? En) Texts(JsonNode? value, string input)
    {
        static string? Text(JsonNode? node) => node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s,
            JsonValue v => v.ToJsonString(),
            _ => throw new ActivityFaultException("a text per language must be a string"),
        };

        if (value is JsonObject texts)
        {
            var unknown = texts.Select(p => p.Key).FirstOrDefault(k => k is not ("zh" or "en"));
            if (unknown is not null)
            {
                throw new ActivityFaultException($"input '{input}': texts per language are 'zh' and 'en', not '{unknown}'");
            }

            var zh = Text(texts["zh"]);
            var en = Text(texts["en"]);
            return (zh ?? en, en);
        }

        return value is JsonArray
            ? throw new ActivityFaultException($"input '{input}' must be text or {{\"zh\": …, \"en\": …}}")
            : (Text(value), null);
    }

    /// <summary>
    /// The due time: the end of <c>dueWorkingDays</c> working days, or <c>dueAt</c> (a duration from now counted as
    /// <paramref name="counting"/> says); then moved off a non-working day when <c>moveOffNonWorkingDays</c> is true. Null when neither is given.
    /// </summary>
    private static DateTimeOffset? DueAt(ActivityExecutionContext context, DayCounting counting)
    {
        var dueAtText = context.EvaluateText("dueAt");
        var workingDays = context.Evaluate("dueWorkingDays") is null ? (double?)null : context.EvaluateNumber("dueWorkingDays", 0);
        DateTimeOffset? due;
        if (workingDays is { } n)
        {
            if (!string.IsNullOrWhiteSpace(dueAtText))
            {
                throw new ActivityFaultException("inputs 'dueAt' and 'dueWorkingDays' are both given: give one");
            }

            if (n != Math.Floor(n) || n < 0 || n > WorkingDays.MaxDistance)
            {
                throw new ActivityFaultException($"input 'dueWorkingDays': {n.ToString(CultureInfo.InvariantCulture)} is not a whole number of working days from 0 to {WorkingDays.MaxDistance}");
            }

            due = counting.Days.EndOfWorkingDays(context.Now, (int)n, counting.TimeZone);
        }
        else
        {
            due = ParseDue(dueAtText, context.Now, counting);
        }

        return due is { } at && context.EvaluateBool("moveOffNonWorkingDays") ? counting.Days.MoveOffNonWorkingDays(at, counting.TimeZone) : due;
    }

    /// <summary>The <c>dayCount</c> input: calendar days when absent.</summary>
    private static DayCount ParseDayCount(string? text) => text switch
    {
        null or "" or CalendarDayCount => DayCount.Calendar,
        WorkingDayCount => DayCount.Working,
        _ => throw new ActivityFaultException($"input 'dayCount': '{text}' is neither '{CalendarDayCount}' nor '{WorkingDayCount}'"),
    };

    /// <summary>An absolute ISO 8601 time, or a duration from now (e.g. <c>P30D</c>); null when absent.</summary>
    private static DateTimeOffset? ParseDue(string? text, DateTimeOffset now, DayCounting counting)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ActivityExecutionContext.ParseDuration(text) is { } span && text.TrimStart().StartsWith('P'))
        {
            return counting.Shift(now, span);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new ActivityFaultException($"input 'dueAt': '{text}' is neither a date-time nor an ISO 8601 duration");
    }

    /// <summary>A form schema given as text (a script may compute one); text that is not JSON faults the activity.</summary>
    private static string? ParseSchema(string text)
    {
        try
        {
            return JsonNode.Parse(text)?.ToJsonString();
        }
        catch (JsonException e)
        {
            throw new ActivityFaultException($"input 'schema' is not JSON: {e.Message}");
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// What every activity that issues tasks (<c>AiPlus.HumanTask</c>, <c>AiPlus.Review</c>) reads from its inputs the same
/// way: texts, kind, deadline and day counting, priority, filing (pillar, plan, lead agency), form and rework count.
/// Evaluated once per execution; <see cref="Issue"/> then makes one task (row and bookmark) for one assignee.
/// </summary>
internal sealed class TaskIssue
{
    private readonly TaskOptions _options;
    private readonly AgencyDirectory? _agencies;

    private TaskIssue(TaskOptions options, AgencyDirectory? agencies)
    {
        _options = options;
        _agencies = agencies;
    }

    /// <summary>The <c>dayCount</c> input's value for calendar days (the default).</summary>
    internal const string CalendarDayCount = "calendar";

    /// <summary>The <c>dayCount</c> input's value for working days.</summary>
    internal const string WorkingDayCount = "working";

    private static readonly IReadOnlyList<string> DayCounts = [CalendarDayCount, WorkingDayCount];

    /// <summary>The texts shown to the assignee.</summary>
    public static readonly IReadOnlyList<InputDescriptor> TextInputs =
    [
        new("title", InputKind.Text, Required: true),
        new("description", InputKind.Text),
    ];

    /// <summary>The kind, the deadline and its day counting, the priority and the filing.</summary>
    public static IReadOnlyList<InputDescriptor> WorkInputs(string defaultKind) =>
    [
        new("kind", InputKind.Choice, Choices: StepKinds.All, DefaultValue: defaultKind),
        new("dueAt", InputKind.Text),
        new("dueWorkingDays", InputKind.Number),
        new("dayCount", InputKind.Choice, Choices: DayCounts, DefaultValue: CalendarDayCount),
        new("moveOffNonWorkingDays", InputKind.Condition, DefaultValue: "false"),
        new("priority", InputKind.Number, DefaultValue: "3"),
        new("pillar", InputKind.Text),
        new("planId", InputKind.Text),
        new("leadAgency", InputKind.Text),
    ];

    /// <summary>The form, its prefill and the rework count and reason.</summary>
    public static readonly IReadOnlyList<InputDescriptor> FormInputs =
    [
        new("schema", InputKind.Json),
        new("prefill", InputKind.Json),
        new("returnCount", InputKind.Number),
        new("returnReason", InputKind.Text),
    ];

    /// <summary>The colour rule.</summary>
    public static readonly InputDescriptor BlueWithinInput = new("blueWithin", InputKind.Duration);

    public required DayCounting Counting { get; init; }

    public required DateTimeOffset? DueAt { get; init; }

    public required int ReturnCount { get; init; }

    public required TimeSpan? BlueWithin { get; init; }

    /// <summary>The title: Chinese (English standing in when only English is given) and English (null when one text serves both).</summary>
    public (string? Zh, string? En) Title { get; private init; }

    private (string? Zh, string? En) Description { get; init; }

    private string Kind { get; init; } = StepKinds.Task;

    private int Priority { get; init; }

    private string? Pillar { get; init; }

    private string? PlanId { get; init; }

    private string? LeadAgency { get; init; }

    private string? Schema { get; init; }

    private string? Prefill { get; init; }

    private string? ReturnReason { get; init; }

    /// <summary>Reads the shared inputs of <paramref name="context"/>'s activity.</summary>
    /// <exception cref="ActivityFaultException">An input is malformed (named in the message).</exception>
    public static TaskIssue Evaluate(ActivityExecutionContext context, TaskOptions options, AgencyDirectory? agencies, string defaultKind)
    {
        var counting = new DayCounting(ParseDayCount(context.EvaluateText("dayCount")), context.WorkingDays, context.TimeZone);
        return new TaskIssue(options, agencies)
        {
            Counting = counting,
            DueAt = EvaluateDueAt(context, counting),
            ReturnCount = (int)context.EvaluateNumber("returnCount", 0),
            BlueWithin = context.EvaluateText("blueWithin") is { Length: > 0 } rule
                ? ActivityExecutionContext.ParseDuration(rule) ?? throw new ActivityFaultException($"input 'blueWithin': '{rule}' is not a duration")
                : null,
            Title = Texts(context.Evaluate("title"), "title"),
            Description = Texts(context.Evaluate("description"), "description"),
            Kind = context.EvaluateText("kind") ?? defaultKind,
            Priority = (int)context.EvaluateNumber("priority", 3),
            Pillar = context.EvaluateText("pillar"),
            PlanId = context.EvaluateText("planId"),
            LeadAgency = context.EvaluateText("leadAgency"),
            Schema = context.Evaluate("schema") switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var text) => string.IsNullOrWhiteSpace(text) ? null : ParseSchema(text),
                var node => node.ToJsonString(),
            },
            Prefill = context.Evaluate("prefill")?.ToJsonString(),
            ReturnReason = context.EvaluateText("returnReason"),
        };
    }

    /// <summary>The colour a task of this issue has at <paramref name="now"/>.</summary>
    public TaskColour ColourAt(DateTimeOffset now) => _options.ColourAt(DueAt, now, ReturnCount, BlueWithin, Counting);

    /// <summary>
    /// Makes one task for one assignee: its row (for a <see cref="TaskEffects.Created"/> effect) and a
    /// <see cref="BookmarkKinds.HumanTask"/> bookmark keyed by the task's id, which its completion resumes.
    /// </summary>
    /// <param name="context">The issuing activity.</param>
    /// <param name="agency">The assignee agency (checked against the directory when there is one).</param>
    /// <param name="role">The role in the agency (<c>staff</c>, <c>lead</c>) or null for anyone of it.</param>
    /// <param name="user">The user, or null for the agency's pool.</param>
    /// <param name="outcomes">The outcomes the task may complete with.</param>
    /// <param name="input">The input that named the assignee, for messages.</param>
    /// <exception cref="ActivityFaultException">The agency is not in the directory, or there is no title.</exception>
    public TaskRecord Issue(ActivityExecutionContext context, string agency, string? role, string? user, IReadOnlyList<string> outcomes, string input = "assigneeAgency")
    {
        RequireAgency(agency, input);

        var taskId = Guid.NewGuid().ToString("N");
        var bookmark = context.CreateBookmark(BookmarkKinds.HumanTask, key: taskId);
        return new TaskRecord
        {
            Id = taskId,
            InstanceId = context.InstanceId,
            DefinitionId = context.DefinitionId,
            ActivityId = context.Node.Id,
            BookmarkId = bookmark.Id,
            CorrelationId = context.CorrelationId,
            Title = Title.Zh ?? throw new ActivityFaultException("input 'title' is required"),
            TitleEn = Title.En,
            Description = Description.Zh,
            DescriptionEn = Description.En,
            Kind = Kind,
            AgencyCode = agency,
            AssigneeRole = role,
            AssigneeUser = user,
            State = TaskState.Open,
            Colour = ColourAt(context.Now),
            Priority = Priority,
            Pillar = Pillar,
            PlanId = PlanId,
            LeadAgencyCode = LeadAgency,
            DueAt = DueAt,
            Outcomes = new JsonArray([.. outcomes.Select(o => (JsonNode)o)]).ToJsonString(),
            Schema = Schema,
            Prefill = Prefill,
            ReturnCount = ReturnCount,
            ReturnReason = ReturnReason,
            CreatedAt = context.Now,
            UpdatedAt = context.Now,
        };
    }

    /// <summary>
    /// Checks that <paramref name="agency"/> is in the directory (when there is one), so that an activity issuing several
    /// tasks can check every assignee before it issues any.
    /// </summary>
    /// <exception cref="ActivityFaultException">The agency is unknown (the message names <paramref name="input"/>).</exception>
    public void RequireAgency(string agency, string input)
    {
        if (_agencies is not null && _agencies.Find(agency) is null)
        {
            throw new ActivityFaultException($"input '{input}': unknown agency '{agency}'");
        }
    }

    /// <summary>The <c>dayCount</c> input: calendar days when absent.</summary>
    internal static DayCount ParseDayCount(string? text) => text switch
    {
        null or "" or CalendarDayCount => DayCount.Calendar,
        WorkingDayCount => DayCount.Working,
        _ => throw new ActivityFaultException($"input 'dayCount': '{text}' is neither '{CalendarDayCount}' nor '{WorkingDayCount}'"),
    };

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
    private static DateTimeOffset? EvaluateDueAt(ActivityExecutionContext context, DayCounting counting)
    {
        var dueAtText = context.EvaluateText("dueAt");
        var workingDays = context.EvaluateOptionalNumber("dueWorkingDays");
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

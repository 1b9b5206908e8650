using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// What an activity sees while it runs: its definition node, its inputs (evaluated on demand), its memory, and the
/// ways it can end (complete, wait on bookmarks, schedule children, fault).
/// </summary>
public sealed class ActivityExecutionContext
{
    private readonly Burst _burst;

    internal ActivityExecutionContext(Burst burst, ActivityContext state, ActivityNode node)
    {
        _burst = burst;
        State = state;
        Node = node;
    }

    public ActivityNode Node { get; }

    public ActivityContext State { get; }

    public string InstanceId => _burst.InstanceId;

    public DateTimeOffset Now => _burst.Now;

    public TimeZoneInfo TimeZone => _burst.TimeZone;

    /// <summary>The working days in force for this burst (<see cref="Burst.WorkingDays"/>).</summary>
    public WorkingDays WorkingDays => _burst.WorkingDays;

    public WorkflowBlueprint Blueprint => _burst.Blueprint;

    /// <summary>The composite's own bookkeeping, created on first use.</summary>
    public JsonObject Memory => State.Memory ??= [];

    internal bool Ended { get; set; }

    /// <summary>The expression scope of this activity (its scope variables, then the workflow's).</summary>
    public IExpressionScope Scope => _burst.ScopeOf(State);

    /// <summary>Evaluates an input; returns null when it is absent.</summary>
    /// <exception cref="ExpressionException">The expression failed.</exception>
    public JsonNode? Evaluate(string input)
    {
        var expression = Node.GetInput(input);
        return expression is null ? null : _burst.Evaluate(expression, Scope);
    }

    /// <summary>Evaluates an input in a given scope (to read what the script asked of it afterwards); null when absent.</summary>
    public JsonNode? Evaluate(string input, IExpressionScope scope)
    {
        var expression = Node.GetInput(input);
        return expression is null ? null : _burst.Evaluate(expression, scope);
    }

    /// <summary>Runs JavaScript code in the sandbox with the given scope; returns its completion value.</summary>
    /// <exception cref="ExpressionException">Syntax error, runtime error or a sandbox limit.</exception>
    public JsonNode? RunScript(string script, IExpressionScope scope) =>
        _burst.Evaluate(new Expression(Expression.JavaScript, JsonValue.Create(script), "Object"), scope);

    /// <summary>Evaluates an input as text (JSON scalars as their text); null when absent.</summary>
    public string? EvaluateText(string input) => Evaluate(input) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };

    /// <summary>Evaluates an input that must be present as text.</summary>
    /// <exception cref="ActivityFaultException">The input is absent or empty.</exception>
    public string RequireText(string input)
    {
        var text = EvaluateText(input);
        return string.IsNullOrWhiteSpace(text) ? throw new ActivityFaultException($"input '{input}' is required") : text;
    }

    /// <summary>Evaluates an input as a boolean (JavaScript truthiness for non-booleans).</summary>
    public bool EvaluateBool(string input, bool defaultValue = false) => Evaluate(input) switch
    {
        null => defaultValue,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => bool.TryParse(s, out var parsed) ? parsed : s.Length > 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d != 0,
        _ => true,
    };

    /// <summary>Evaluates a number input (JSON number of any width, or numeric text); <paramref name="defaultValue"/> when absent.</summary>
    /// <exception cref="ActivityFaultException">The value is not a number.</exception>
    public double EvaluateNumber(string input, double defaultValue) => EvaluateOptionalNumber(input) ?? defaultValue;

    /// <summary>Evaluates a number input (JSON number of any width, or numeric text); null when absent.</summary>
    /// <exception cref="ActivityFaultException">The value is not a number.</exception>
    public double? EvaluateOptionalNumber(string input) => Evaluate(input) switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<decimal>(out var m) => (double)m,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        var other => throw new ActivityFaultException($"input '{input}': {other.ToJsonString()} is not a number"),
    };

    /// <summary>Evaluates a duration input: <c>d.hh:mm:ss</c> or ISO 8601.</summary>
    /// <exception cref="ActivityFaultException">Absent or not a duration.</exception>
    public TimeSpan RequireDuration(string input)
    {
        var text = RequireText(input);
        return ParseDuration(text) ?? throw new ActivityFaultException($"input '{input}': '{text}' is not a duration (d.hh:mm:ss or ISO 8601 such as PT5M)");
    }

    /// <summary>Evaluates a list-of-names input: a JSON array, or text separated by commas or new lines.</summary>
    public IReadOnlyList<string> EvaluateNames(string input) => ParseNames(Evaluate(input));

    /// <summary>Completes the activity on the given outcome ports (default <c>Done</c>) with an optional result.</summary>
    public void Complete(IReadOnlyList<string>? outcomes = null, JsonNode? result = null) =>
        _burst.Complete(this, outcomes ?? [ActivityDescriptor.Done], result);

    /// <summary>Completes the activity on one outcome port.</summary>
    public void Complete(string outcome) => Complete([outcome]);

    /// <summary>Makes the activity wait: it stays active until the bookmark is resumed.</summary>
    public Bookmark CreateBookmark(string kind, string? key = null, DateTimeOffset? resumeAt = null) =>
        _burst.CreateBookmark(this, kind, key, resumeAt);

    /// <summary>Stops waiting on one of the activity's own bookmarks (the others stay).</summary>
    public void RemoveBookmark(string bookmarkId) => _burst.RemoveBookmark(this, bookmarkId);

    /// <summary>Schedules a child of this composite, with optional scope variables visible to it and its descendants.</summary>
    public void ScheduleChild(ActivityNode child, JsonObject? scope = null) => _burst.ScheduleChild(this, child, scope);

    /// <summary>The active (scheduled, running or waiting) children of this composite.</summary>
    public IReadOnlyList<ActivityContext> ActiveChildren() => _burst.ChildrenOf(State.Id);

    /// <summary>
    /// Whether this composite still has work: an active (scheduled, running or waiting) child, or a child's completion
    /// not yet delivered to it. A composite completes only when this is false, so no branch is dropped.
    /// </summary>
    public bool HasChildWork() => _burst.HasChildWork(State.Id);

    /// <summary>Cancels an active child and everything under it, removing their bookmarks; false when it is no longer active.</summary>
    public bool CancelChild(ActivityContext child) => _burst.CancelContext(child);

    /// <summary>Ends the composite that scheduled this activity (Elsa's <c>End</c>): cancels its other children and completes it.</summary>
    public void CompleteParent() => _burst.CompleteParent(this);

    /// <summary>Ends the whole workflow (Elsa's <c>Complete</c>): cancels everything still active.</summary>
    public void CompleteWorkflow(IReadOnlyList<string> outcomes) => _burst.CompleteWorkflow(this, outcomes);

    /// <summary>Asks for a change beyond the instance, committed in the same transaction as this burst.</summary>
    public void AddEffect(IBurstEffect effect) => _burst.Effects.Add(effect);

    /// <summary>The instance's definition id.</summary>
    public string DefinitionId => _burst.Blueprint.Definition.DefinitionId;

    /// <summary>The instance's correlation id.</summary>
    public string? CorrelationId => _burst.CorrelationId;

    /// <summary>Appends text to this activity's journal entry.</summary>
    public void WriteLine(string text) => _burst.WriteLine(this, text);

    /// <summary>Sets a named workflow output.</summary>
    public void SetOutput(string name, JsonNode? value) => _burst.State.Output[name] = value?.DeepClone();

    /// <summary>Starts a child instance of another definition in the same transaction as this burst.</summary>
    /// <returns>The child instance id.</returns>
    public string StartChildWorkflow(string definitionId, JsonObject input, string? correlationId, bool wait, bool inline) =>
        _burst.StartChild(this, definitionId, input, correlationId, wait, inline);

    /// <summary>
    /// Starts a child instance of a version chosen by <paramref name="versions"/> (<see cref="VersionChoice"/> candidates,
    /// resolved when the child starts), runs it right after this burst commits and waits for it.
    /// </summary>
    /// <returns>The child instance id.</returns>
    public string StartChildWorkflow(string definitionId, JsonObject input, string? correlationId, IReadOnlyList<string> versions) =>
        _burst.StartChild(this, definitionId, input, correlationId, wait: true, inline: true, versions);

    /// <summary>Parses <c>d.hh:mm:ss</c> or an ISO 8601 duration; null when neither.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : null;
    }

    /// <summary>Reads a list of names from a JSON array or from text separated by commas or new lines.</summary>
    public static IReadOnlyList<string> ParseNames(JsonNode? value) => value switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => n?.ToString().Trim() ?? "").Where(s => s.Length > 0)],
        JsonValue v when v.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('[') => ParseNames(JsonNode.Parse(s)),
        JsonValue v when v.TryGetValue<string>(out var s) => [.. s.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => [value.ToJsonString()],
    };
}

using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Engine.TestRuns;

/// <summary>
/// A test run (试运行) of a definition — usually the designer's unsaved draft — held entirely in memory: the instance
/// state, its bookmarks and its journal live in this object and nothing is written to the database, queued or
/// scheduled. Each call runs one <see cref="Burst"/>, as the runtime does, and keeps what the runtime would commit.
/// <para>
/// Waits (<see cref="Waits"/>) are resumed by the caller: an event is raised by name, a timer is let pass (the run's
/// own clock, <see cref="Now"/>, moves to its due time; it never moves back), a human task is completed with an
/// outcome and data checked against its form schema, a child workflow is completed with an output. Changes a real
/// run would make beyond the instance — task rows, supervision actions, child instances — are not applied; they are
/// listed in <see cref="Effects"/>. Child workflows are not run: a child the parent waits for is a wait to complete
/// by hand with the output it should return; one it does not wait for is only an effect.
/// </para>
/// Not thread-safe: one caller (a designer circuit) steps one run.
/// </summary>
public sealed class TestRun
{
    /// <summary>Who completes human tasks in a test run, as the task result's <c>by</c>.</summary>
    public const string Actor = "test-run";

    private readonly WorkflowBlueprint _blueprint;
    private readonly ActivityRegistry _registry;
    private readonly ExpressionEvaluator _evaluator;
    private readonly TimeZoneInfo _timeZone;
    private readonly WorkingCalendar _calendar;
    private readonly WorkflowState _state = new();
    private readonly List<JournalEntry> _journal = [];
    private readonly List<TestRunEffect> _effects = [];
    private readonly Dictionary<string, long> _bookmarkOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TestRunTask> _tasksByBookmark = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string ActivityId, TestRunTask Task)> _tasksById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChildStart> _childrenByBookmark = new(StringComparer.Ordinal);
    private long _bookmarksSeen;

    internal TestRun(
        WorkflowBlueprint blueprint, ActivityRegistry registry, ExpressionEvaluator evaluator, DateTimeOffset now, TimeZoneInfo timeZone, WorkingCalendar calendar)
    {
        _calendar = calendar;
        _blueprint = blueprint;
        _registry = registry;
        _evaluator = evaluator;
        _timeZone = timeZone;
        Now = now;
        StartedAt = now;
        InstanceId = "test-run-" + Guid.NewGuid().ToString("N");
    }

    /// <summary>The definition that runs, as it was when the run started.</summary>
    public WorkflowDefinition Definition => _blueprint.Definition;

    /// <summary>An id for the run's bookmarks and tasks, unique to it; no instance row has it.</summary>
    public string InstanceId { get; }

    /// <summary>The instance's correlation id (set by <c>Elsa.Correlate</c>); null until set.</summary>
    public string? CorrelationId { get; private set; }

    /// <summary>Where the instance stands after the last step.</summary>
    public WorkflowStatus Status { get; private set; } = WorkflowStatus.Running;

    /// <summary>When the run started (the engine's clock).</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The run's clock: the engine's time when it started, moved forward each time a timer is let pass.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>The input the run started with.</summary>
    public JsonObject Input => _state.Input;

    /// <summary>The workflow's variables now.</summary>
    public JsonObject Variables => _state.Variables;

    /// <summary>The workflow's outputs so far.</summary>
    public JsonObject Output => _state.Output;

    /// <summary>Faults, in order; a faulted run has at least one.</summary>
    public IReadOnlyList<Incident> Incidents => _state.Incidents;

    /// <summary>Every journal entry of every step, in order.</summary>
    public IReadOnlyList<JournalEntry> Journal => _journal;

    /// <summary>What a real run would have changed beyond the instance, in order; none of it was applied.</summary>
    public IReadOnlyList<TestRunEffect> Effects => _effects;

    /// <summary>The bookmarks the instance holds now.</summary>
    public IReadOnlyList<Bookmark> Bookmarks =>
        [.. _state.Contexts.Values.SelectMany(c => c.Bookmarks).OrderBy(b => _bookmarkOrder.GetValueOrDefault(b.Id))];

    /// <summary>What the instance waits on now, in the order the waits began; empty once it has ended.</summary>
    public IReadOnlyList<TestRunWait> Waits => [.. Bookmarks.Where(b => b.Kind != BookmarkKinds.Command).Select(ToWait)];

    /// <summary>Runs the first step: initial variables, <paramref name="input"/>, then the root activity.</summary>
    internal void Start(JsonObject input) => Step(burst => burst.Start(input));

    /// <summary>
    /// Raises the event <paramref name="eventName"/> with <paramref name="payload"/>: every wait on it resumes, one step
    /// each, as <c>POST /api/events/{name}</c> does for an instance.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has ended, or nothing waits on this event.</exception>
    public void RaiseEvent(string eventName, JsonNode? payload = null)
    {
        var waiting = Bookmarks.Where(b => b.Kind == BookmarkKinds.Event && b.Key == eventName).ToList();
        if (waiting.Count == 0)
        {
            throw new InvalidOperationException($"nothing waits on event '{eventName}'");
        }

        foreach (var bookmark in waiting)
        {
            // An earlier resume may have ended the instance or removed this wait (a join that no longer waits).
            if (Bookmarks.Any(b => b.Id == bookmark.Id))
            {
                Step(burst => burst.Resume(bookmark, payload?.DeepClone()));
            }
        }
    }

    /// <summary>Lets a timer pass: the run's clock moves to its due time (if later than now) and the timer fires.</summary>
    /// <exception cref="InvalidOperationException">The run has ended, or <paramref name="waitId"/> is not a timer it waits on.</exception>
    public void PassTimer(string waitId)
    {
        var bookmark = Waiting(waitId, BookmarkKinds.Timer);
        if (bookmark.ResumeAt is { } due && due > Now)
        {
            Now = due;
        }

        Step(burst => burst.Resume(bookmark, null));
    }

    /// <summary>
    /// Completes a human task with an outcome and data, as the inbox does: the outcome must be one of the task's and the
    /// data must match its form schema. The workflow continues on the outcome's port.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has ended, or <paramref name="waitId"/> is not a task it waits on.</exception>
    /// <exception cref="RequestValidationException">Unknown outcome (field <c>outcome</c>) or data that does not match the schema (fields <c>data/…</c>).</exception>
    public void CompleteTask(string waitId, string outcome, JsonNode? data)
    {
        var bookmark = Waiting(waitId, BookmarkKinds.HumanTask);
        var task = _tasksByBookmark[bookmark.Id];
        if (!task.Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw RequestValidationException.For("outcome", $"outcome must be one of {string.Join(", ", task.Outcomes)}");
        }

        TaskService.ValidateAgainstSchema(task.Schema?.ToJsonString(), data);
        var payload = new JsonObject { ["outcome"] = outcome, ["data"] = data?.DeepClone(), ["by"] = Actor };
        Step(burst => burst.Resume(bookmark, payload));
    }

    /// <summary>Completes a child workflow the instance waits for as finished, with <paramref name="output"/> as its output.</summary>
    /// <exception cref="InvalidOperationException">The run has ended, or <paramref name="waitId"/> is not a child workflow it waits on.</exception>
    public void CompleteChild(string waitId, JsonObject? output)
    {
        var bookmark = Waiting(waitId, BookmarkKinds.ChildWorkflow);
        var payload = new ChildOutcome(bookmark.Key ?? "", WorkflowStatus.Finished, output ?? []).ToJson();
        Step(burst => burst.Resume(bookmark, payload));
    }

    private Bookmark Waiting(string waitId, string kind)
    {
        if (IsEnded)
        {
            throw new InvalidOperationException($"the test run is {Status}");
        }

        var bookmark = Bookmarks.FirstOrDefault(b => b.Id == waitId)
            ?? throw new InvalidOperationException($"the test run does not wait on {waitId}");
        return bookmark.Kind == kind ? bookmark : throw new InvalidOperationException($"{waitId} is a {bookmark.Kind} wait, not a {kind} wait");
    }

    private bool IsEnded => Status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled;

    /// <summary>Runs one burst and keeps what the runtime would have committed.</summary>
    private void Step(Action<Burst> stimulus)
    {
        var burst = new Burst(_blueprint, InstanceId, CorrelationId, _state, _registry, _evaluator, Now, _timeZone) { WorkingDays = _calendar.Current };
        stimulus(burst);
        CorrelationId = burst.CorrelationId;
        Status = burst.Status;
        _journal.AddRange(burst.Journal);
        foreach (var bookmark in burst.CreatedBookmarks)
        {
            _bookmarkOrder[bookmark.Id] = ++_bookmarksSeen;
        }

        foreach (var effect in burst.Effects)
        {
            if (Describe(effect) is { } described)
            {
                _effects.Add(described with { JournalSequence = After(burst, described.ActivityId) });
            }
        }

        foreach (var child in burst.ChildStarts)
        {
            var activityId = child.ParentBookmarkId is { } bookmarkId
                ? burst.CreatedBookmarks.FirstOrDefault(b => b.Id == bookmarkId)?.ActivityId
                : StartedBy(child.InstanceId);
            if (child.ParentBookmarkId is { } waitedOn)
            {
                _childrenByBookmark[waitedOn] = child;
            }

            _effects.Add(new TestRunEffect(TestRunEffectKind.ChildStarted, activityId, After(burst, activityId), DefinitionId: child.DefinitionId));
        }
    }

    /// <summary>The journal entry an effect of <paramref name="activityId"/> follows in this burst.</summary>
    private static long After(Burst burst, string? activityId) =>
        burst.Journal.LastOrDefault(j => j.ActivityId == activityId)?.Sequence
        ?? burst.Journal.LastOrDefault()?.Sequence
        ?? 0;

    /// <summary>The activity whose result names a child it started without waiting (<c>{"instanceId": …}</c>).</summary>
    private string? StartedBy(string childInstanceId) =>
        _state.Results.FirstOrDefault(r => r.Value is JsonObject result && result["instanceId"] is JsonValue id
            && id.TryGetValue<string>(out var text) && text == childInstanceId).Key;

    private TestRunEffect? Describe(IBurstEffect effect)
    {
        switch (effect)
        {
            case TaskEffects.Created created:
                var record = created.Record;
                var task = new TestRunTask(
                    record.Title,
                    record.Description,
                    record.AgencyCode,
                    record.Kind,
                    JsonNode.Parse(record.Outcomes)!.AsArray().Select(o => o!.GetValue<string>()).ToList(),
                    record.Schema is null ? null : JsonNode.Parse(record.Schema),
                    record.Prefill is null ? null : JsonNode.Parse(record.Prefill),
                    record.DueAt);
                _tasksByBookmark[record.BookmarkId] = task;
                _tasksById[record.Id] = (record.ActivityId, task);
                return new(TestRunEffectKind.TaskCreated, record.ActivityId, 0, record.Title, record.AgencyCode);
            case TaskEffects.Completed completed:
                return TaskEffect(TestRunEffectKind.TaskCompleted, completed.TaskId) with { Outcome = completed.Outcome };
            case TaskEffects.Escalated escalated:
                return TaskEffect(TestRunEffectKind.TaskEscalated, escalated.TaskId) with { Action = escalated.Action };
            case TaskEffects.Cancelled cancelled:
                return TaskEffect(TestRunEffectKind.TaskCancelled, cancelled.TaskId);
            case Reviews.ReviewEffects.Written:
                // The review's rows mirror its reviewers' tasks, which are listed themselves.
                return null;
            default:
                return new(TestRunEffectKind.Other, null, 0, Description: effect.GetType().Name);
        }
    }

    /// <summary>An effect on a task: named by the task when this run issued it (AiPlus.Escalate may name a real task).</summary>
    private TestRunEffect TaskEffect(TestRunEffectKind kind, string taskId) =>
        _tasksById.TryGetValue(taskId, out var known)
            ? new(kind, known.ActivityId, 0, known.Task.Title, known.Task.AgencyCode)
            : new(kind, null, 0);

    private TestRunWait ToWait(Bookmark bookmark) => bookmark.Kind switch
    {
        BookmarkKinds.Event => new(bookmark.Id, bookmark.Kind, bookmark.ActivityId, TypeOf(bookmark), EventName: bookmark.Key),
        BookmarkKinds.Timer => new(bookmark.Id, bookmark.Kind, bookmark.ActivityId, TypeOf(bookmark), DueAt: bookmark.ResumeAt, EscalationLevel: EscalationLevel(bookmark)),
        BookmarkKinds.HumanTask => new(bookmark.Id, bookmark.Kind, bookmark.ActivityId, TypeOf(bookmark), Task: _tasksByBookmark.GetValueOrDefault(bookmark.Id)),
        BookmarkKinds.ChildWorkflow => new(bookmark.Id, bookmark.Kind, bookmark.ActivityId, TypeOf(bookmark), Child: _childrenByBookmark.GetValueOrDefault(bookmark.Id)),
        _ => new(bookmark.Id, bookmark.Kind, bookmark.ActivityId, TypeOf(bookmark)),
    };

    private string TypeOf(Bookmark bookmark) => _blueprint.Activity(bookmark.ActivityId).Type;

    private static int? EscalationLevel(Bookmark bookmark) =>
        bookmark.Key is { } key && key.StartsWith(HumanTaskActivity.EscalationPrefix, StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(HumanTaskActivity.EscalationPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            ? level
            : null;
}

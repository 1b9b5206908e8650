using System.Text.Json.Nodes;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Expressions;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// One burst of one instance: applies a stimulus (start, bookmark resume, cancel), then runs until nothing is
/// runnable. It only changes memory; the runtime commits <see cref="State"/> and the collected changes
/// (bookmarks, journal, child starts) in one transaction.
/// </summary>
public sealed class Burst
{
    /// <summary>
    /// How many activities one burst may execute. A flowchart loop with no activity that waits (a self-connected
    /// WriteLine) would otherwise run forever inside one request; real bursts execute hundreds at most.
    /// </summary>
    public const int MaxActivitiesPerBurst = 10_000;

    private readonly Queue<Action> _agenda = new();

    /// <summary>Executions of terminal activities (End, Complete): they run before anything else that is runnable (docs/decisions/012).</summary>
    private readonly Queue<Action> _terminalAgenda = new();

    /// <summary>Per composite context, how many child completions are queued but not yet delivered to it.</summary>
    private readonly Dictionary<string, int> _undeliveredCompletions = new(StringComparer.Ordinal);
    private int _activitiesExecuted;
    private readonly ActivityRegistry _registry;
    private readonly Dictionary<string, string> _pendingText = [];
    private bool _rootCompleted;
    private string? _runningActivityId;

    /// <summary>The JavaScript of the stimulus being applied: opened at its first expression, disposed when it ends.</summary>
    private JavaScriptSession? _javaScript;

    public Burst(
        WorkflowBlueprint blueprint,
        string instanceId,
        string? correlationId,
        WorkflowState state,
        ActivityRegistry registry,
        ExpressionEvaluator evaluator,
        DateTimeOffset now,
        TimeZoneInfo timeZone)
    {
        Blueprint = blueprint;
        InstanceId = instanceId;
        CorrelationId = correlationId;
        State = state;
        _registry = registry;
        Evaluator = evaluator;
        Now = now;
        TimeZone = timeZone;
    }

    public WorkflowBlueprint Blueprint { get; }

    public string InstanceId { get; }

    public string? CorrelationId { get; set; }

    public WorkflowState State { get; }

    public ExpressionEvaluator Evaluator { get; }

    public DateTimeOffset Now { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>
    /// The working days in force for this burst (the engine takes the official calendar's at the start of each burst,
    /// so one burst counts with one set of rules). Default: Monday to Friday.
    /// </summary>
    public WorkingDays WorkingDays { get; init; } = WorkingDays.WeekdaysOnly;

    public WorkflowStatus Status { get; private set; } = WorkflowStatus.Running;

    /// <summary>
    /// Signalled when the burst must stop (the runtime's time limit for one burst): the activity running then, or the
    /// next one to run, faults with <see cref="StopReason"/> and nothing else runs. A script stops at its next statement.
    /// Default: never.
    /// </summary>
    public CancellationToken Stopping { get; init; }

    /// <summary>The incident message of a stopped burst.</summary>
    public string StopReason { get; init; } = "the burst was stopped";

    /// <summary>The activity executing now, if any (read by the runtime when a burst does not stop in time).</summary>
    public string? RunningActivityId => Volatile.Read(ref _runningActivityId);

    /// <summary>How many activity executions this burst has run so far.</summary>
    public int ActivitiesExecuted => _activitiesExecuted;

    public List<Bookmark> CreatedBookmarks { get; } = [];

    public List<Bookmark> RemovedBookmarks { get; } = [];

    public List<JournalEntry> Journal { get; } = [];

    public List<ChildStart> ChildStarts { get; } = [];

    /// <summary>Changes beyond the instance (tasks…), applied in the burst's transaction, in order.</summary>
    public List<IBurstEffect> Effects { get; } = [];

    /// <summary>Starts the instance: initial variables, input, then the root activity.</summary>
    public void Start(JsonObject input) => Apply(() => StartRoot(input));

    /// <summary>Resumes the context waiting on <paramref name="bookmark"/>, then runs.</summary>
    /// <exception cref="InvalidOperationException">No active context waits on this bookmark.</exception>
    public void Resume(Bookmark bookmark, JsonNode? payload) => Apply(() => ResumeContext(bookmark, payload));

    /// <summary>Cancels the instance: every active context ends and every bookmark is removed.</summary>
    public void Cancel() => Apply(CancelAll);

    /// <summary>
    /// Resolves the instance's open incident by running the faulted activity again from the start, on the same definition
    /// version: its memory is cleared (what it left behind, such as an issued task, is cancelled first), the bookmarks the
    /// fault removed from the other waiting activities are given back, and the flow goes on. Nothing that completed runs
    /// again. The incident is kept, resolved (<see cref="IncidentResolution.Retried"/>); the journal records <c>Retried</c>.
    /// </summary>
    /// <param name="by">Who retries.</param>
    /// <param name="reason">Why (optional).</param>
    /// <param name="variables">Variables to set first (fixing the data the activity faulted on); null: none.</param>
    /// <exception cref="InvalidOperationException">No open incident, or its activity can no longer be run again (see <see cref="OpenIncident(WorkflowState)"/>).</exception>
    public void Retry(string by, string? reason, JsonObject? variables = null) => Apply(() =>
    {
        var (incident, context, node) = OpenIncident();
        foreach (var (name, value) in variables ?? [])
        {
            State.Variables[name] = value?.DeepClone();
        }

        Resolve(incident, context, node, new IncidentResolution(IncidentResolution.Retried, by, Now, null, reason));
        context.Memory = null;
        context.Suspended = false;
        (_registry.Get(node.Type).Descriptor.Terminal ? _terminalAgenda : _agenda).Enqueue(() => ExecuteContext(context));
        Run();
    });

    /// <summary>
    /// Resolves the instance's open incident by completing the faulted activity with <paramref name="outcome"/>, one of its
    /// outcome ports: the flow continues from that port as if the activity had completed with it (no result). What the
    /// activity left behind is cancelled and the other waiting activities get their bookmarks back, as for
    /// <see cref="Retry"/>. The incident is kept, resolved (<see cref="IncidentResolution.Skipped"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">No open incident, or its activity can no longer be completed.</exception>
    /// <exception cref="ArgumentException"><paramref name="outcome"/> is not one of the activity's outcome ports.</exception>
    public void Skip(string outcome, string by, string? reason) => Apply(() =>
    {
        var (incident, context, node) = OpenIncident();
        if (!SkipOutcomes(Blueprint, State, _registry).Contains(outcome, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{outcome}' is not an outcome of activity '{node.Id}'", nameof(outcome));
        }

        Resolve(incident, context, node, new IncidentResolution(IncidentResolution.Skipped, by, Now, outcome, reason));
        Complete(new ActivityExecutionContext(this, context, node), [outcome], null);
        Run();
    });

    /// <summary>
    /// The unresolved incident of <paramref name="state"/> (the last one) and the context a retry or skip acts on: a leaf,
    /// or a composite without active children. An incident in a composite's own bookkeeping (a child already handed it its
    /// completion) or in the workflow itself cannot be resolved this way, only cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">No open incident, or no context to act on.</exception>
    public static (Incident Incident, ActivityContext Context) OpenIncident(WorkflowState state)
    {
        var incident = state.Incidents.LastOrDefault() is { Resolution: null } last
            ? last
            : throw new InvalidOperationException("the instance has no open incident");
        var context = incident.ContextId is { } id && state.Contexts.TryGetValue(id, out var byId) ? byId : null;
        if (context is null || context.ParentId is null || state.Contexts.Values.Any(c => c.ParentId == context.Id))
        {
            throw new InvalidOperationException($"the fault of activity '{incident.ActivityId}' is not in one activity that can run again or be completed; cancel the instance instead");
        }

        return (incident, context);
    }

    /// <summary>The outcome ports a skip of the open incident may continue from.</summary>
    /// <exception cref="InvalidOperationException">No open incident, or no context to act on.</exception>
    public static IReadOnlyList<string> SkipOutcomes(WorkflowBlueprint blueprint, WorkflowState state, ActivityRegistry registry)
    {
        var node = blueprint.Activity(OpenIncident(state).Context.ActivityId);
        return registry.Get(node.Type).Descriptor.Outcomes(node);
    }

    private (Incident Incident, ActivityContext Context, ActivityNode Node) OpenIncident()
    {
        var (incident, context) = OpenIncident(State);
        return (incident, context, Blueprint.Activity(context.ActivityId));
    }

    /// <summary>Marks the incident resolved, cleans up after the faulted activity, gives the others their bookmarks back, journals it.</summary>
    private void Resolve(Incident incident, ActivityContext context, ActivityNode node, IncidentResolution resolution)
    {
        State.Incidents[^1] = incident with { Resolution = resolution };
        _registry.Get(node.Type).OnCancelled(new ActivityExecutionContext(this, context, node));
        context.Bookmarks.Clear();
        foreach (var bookmark in State.ParkedBookmarks ?? [])
        {
            if (bookmark.ContextId != context.Id && State.Contexts.TryGetValue(bookmark.ContextId, out var waiting))
            {
                waiting.Bookmarks.Add(bookmark);
                CreatedBookmarks.Add(bookmark);
            }
        }

        State.ParkedBookmarks = null;
        var said = resolution.Outcome is null ? resolution.By : $"{resolution.By} → {resolution.Outcome}";
        AddJournal(node, resolution.Action, context.StartedAt, Now, resolution.Outcome is null ? null : [resolution.Outcome], resolution.Reason is { Length: > 0 } why ? $"{said}: {why}" : said);
    }

    private void StartRoot(JsonObject input)
    {
        State.Input = (JsonObject)input.DeepClone();
        foreach (var variable in Blueprint.Definition.Variables)
        {
            State.Variables[variable.Name] = ExpressionEvaluator.ConvertLiteral(variable.Value, variable.TypeName);
        }

        var root = new ActivityContext { Id = NextId(), ActivityId = Blueprint.Root.Id };
        State.Contexts[root.Id] = root;
        _agenda.Enqueue(() => ExecuteContext(root));
        Run();
    }

    private void ResumeContext(Bookmark bookmark, JsonNode? payload)
    {
        if (!State.Contexts.TryGetValue(bookmark.ContextId, out var context) || context.Bookmarks.All(b => b.Id != bookmark.Id))
        {
            throw new InvalidOperationException($"no activity waits on bookmark {bookmark.Id}");
        }

        context.Bookmarks.RemoveAll(b => b.Id == bookmark.Id);
        RemovedBookmarks.Add(bookmark);
        context.Suspended = false;
        var node = Blueprint.Activity(context.ActivityId);
        AddJournal(node, "Resumed", context.StartedAt, null, null, null);
        var activity = _registry.Get(node.Type);
        var execution = new ActivityExecutionContext(this, context, node);
        Step(execution, () => activity.Resume(execution, bookmark, payload));
        Run();
    }

    private void CancelAll()
    {
        foreach (var root in State.Contexts.Values.Where(c => c.ParentId is null).ToList())
        {
            CancelContext(root);
        }

        _agenda.Clear();
        _terminalAgenda.Clear();
        Status = WorkflowStatus.Cancelled;
    }

    /// <summary>
    /// Faults the instance without running anything: for a burst the runtime gave up on because it did not stop in time
    /// (its changes are thrown away and this burst, on the state as last committed, is committed instead). The incident
    /// names <paramref name="activityId"/> (the activity that was running; the root when unknown); every bookmark is
    /// removed, as when an activity faults.
    /// </summary>
    public void Halt(string? activityId, string message)
    {
        var node = activityId is not null && Blueprint.Definition.AllActivities().Any(a => a.Id == activityId) ? Blueprint.Activity(activityId) : Blueprint.Root;
        var faulted = State.Contexts.Values.Where(c => c.ActivityId == node.Id).ToList();
        State.Incidents.Add(new Incident(node.Id, node.Type, message, nameof(TimeoutException), Now) { ContextId = faulted.Count == 1 ? faulted[0].Id : null });
        AddJournal(node, "Faulted", null, Now, null, message);
        ParkBookmarks();

        _agenda.Clear();
        _terminalAgenda.Clear();
        Status = WorkflowStatus.Faulted;
    }

    public IExpressionScope ScopeOf(ActivityContext context) => new ContextScope(this, context);

    /// <summary>Evaluates an expression; JavaScript shares the engine of this stimulus (docs/decisions/019).</summary>
    /// <exception cref="ExpressionException">The expression failed.</exception>
    internal JsonNode? Evaluate(Expression expression, IExpressionScope scope) =>
        ExpressionEvaluator.Evaluate(expression, scope, _javaScript ??= Evaluator.OpenJavaScriptSession());

    public IReadOnlyList<ActivityContext> ChildrenOf(string contextId) =>
        [.. State.Contexts.Values.Where(c => c.ParentId == contextId)];

    public void Complete(ActivityExecutionContext execution, IReadOnlyList<string> outcomes, JsonNode? result)
    {
        if (execution.Ended)
        {
            return;
        }

        execution.Ended = true;
        var context = execution.State;
        foreach (var child in ChildrenOf(context.Id))
        {
            CancelContext(child);
        }

        RemoveBookmarks(context);
        if (result is not null)
        {
            State.Results[execution.Node.Id] = result.DeepClone();
            State.LastResultActivityId = execution.Node.Id;
        }

        WriteBoundOutputs(execution, result);
        _pendingText.Remove(context.Id, out var text);
        AddJournal(execution.Node, "Completed", context.StartedAt, Now, outcomes, text);
        State.Contexts.Remove(context.Id);
        if (context.ParentId is null)
        {
            _rootCompleted = true;
            return;
        }

        if (State.Contexts.TryGetValue(context.ParentId, out var parent))
        {
            var node = execution.Node;
            _undeliveredCompletions[parent.Id] = _undeliveredCompletions.GetValueOrDefault(parent.Id) + 1;
            _agenda.Enqueue(() => NotifyParent(parent, node, outcomes));
        }
    }

    public Bookmark CreateBookmark(ActivityExecutionContext execution, string kind, string? key, DateTimeOffset? resumeAt)
    {
        // Unique without a random source: the instance id and a counter the instance never reuses.
        var bookmark = new Bookmark($"{InstanceId}-{NextId()}", kind, key, kind == BookmarkKinds.Event ? CorrelationId : null, resumeAt, execution.State.Id, execution.Node.Id);
        execution.State.Bookmarks.Add(bookmark);
        CreatedBookmarks.Add(bookmark);
        return bookmark;
    }

    /// <summary>Removes one of the activity's own bookmarks (nothing when it has no such bookmark).</summary>
    public void RemoveBookmark(ActivityExecutionContext execution, string bookmarkId)
    {
        var bookmark = execution.State.Bookmarks.Find(b => b.Id == bookmarkId);
        if (bookmark is null)
        {
            return;
        }

        execution.State.Bookmarks.Remove(bookmark);
        if (!CreatedBookmarks.Remove(bookmark))
        {
            RemovedBookmarks.Add(bookmark);
        }
    }

    public void ScheduleChild(ActivityExecutionContext parent, ActivityNode child, JsonObject? scope)
    {
        var context = new ActivityContext { Id = NextId(), ActivityId = child.Id, ParentId = parent.State.Id, Scope = scope };
        State.Contexts[context.Id] = context;
        (_registry.Get(child.Type).Descriptor.Terminal ? _terminalAgenda : _agenda).Enqueue(() => ExecuteContext(context));
    }

    /// <summary>Whether the composite context has an active child or a child completion not yet delivered to it.</summary>
    public bool HasChildWork(string contextId) =>
        _undeliveredCompletions.GetValueOrDefault(contextId) > 0 || State.Contexts.Values.Any(c => c.ParentId == contextId);

    /// <summary>Cancels an active context and its descendants; false when it is no longer active.</summary>
    public bool CancelContext(ActivityContext context)
    {
        if (!State.Contexts.ContainsKey(context.Id))
        {
            return false;
        }

        foreach (var child in ChildrenOf(context.Id))
        {
            CancelContext(child);
        }

        var node = Blueprint.Activity(context.ActivityId);
        _registry.Get(node.Type).OnCancelled(new ActivityExecutionContext(this, context, node));
        RemoveBookmarks(context);
        _pendingText.Remove(context.Id);
        AddJournal(node, "Cancelled", context.StartedAt, Now, null, null);
        State.Contexts.Remove(context.Id);
        return true;
    }

    public void CompleteParent(ActivityExecutionContext execution)
    {
        var parentId = execution.State.ParentId;
        EndWithoutNotifying(execution, [ActivityDescriptor.Done]);
        if (parentId is not null && State.Contexts.TryGetValue(parentId, out var parent))
        {
            var parentExecution = new ActivityExecutionContext(this, parent, Blueprint.Activity(parent.ActivityId));
            Complete(parentExecution, [ActivityDescriptor.Done], null);
        }
    }

    public void CompleteWorkflow(ActivityExecutionContext execution, IReadOnlyList<string> outcomes)
    {
        EndWithoutNotifying(execution, outcomes);
        var root = State.Contexts.Values.FirstOrDefault(c => c.ParentId is null);
        if (root is not null)
        {
            Complete(new ActivityExecutionContext(this, root, Blueprint.Activity(root.ActivityId)), outcomes, null);
        }

        _agenda.Clear();
        _terminalAgenda.Clear();
    }

    public void WriteLine(ActivityExecutionContext execution, string text) =>
        _pendingText[execution.State.Id] = _pendingText.TryGetValue(execution.State.Id, out var existing) ? existing + "\n" + text : text;

    public string StartChild(
        ActivityExecutionContext execution, string definitionId, JsonObject input, string? correlationId, bool wait, bool inline, IReadOnlyList<string>? versions = null)
    {
        var childId = Guid.NewGuid().ToString("N");
        var bookmark = wait ? CreateBookmark(execution, BookmarkKinds.ChildWorkflow, childId, null) : null;
        ChildStarts.Add(new ChildStart(childId, definitionId, input, correlationId, bookmark?.Id, inline) { Versions = versions });
        return childId;
    }

    /// <summary>Applies one stimulus; the JavaScript engine its expressions shared is disposed when it ends.</summary>
    private void Apply(Action stimulus)
    {
        try
        {
            stimulus();
        }
        finally
        {
            _javaScript?.Dispose();
            _javaScript = null;
        }
    }

    private void Run()
    {
        while (Status != WorkflowStatus.Faulted && (_terminalAgenda.TryDequeue(out var action) || _agenda.TryDequeue(out action)))
        {
            action();
        }

        if (Status is WorkflowStatus.Faulted or WorkflowStatus.Cancelled)
        {
            return;
        }

        Status = _rootCompleted || State.Contexts.Count == 0
            ? WorkflowStatus.Finished
            : State.Contexts.Values.Any(c => c.Bookmarks.Count > 0) ? WorkflowStatus.Suspended : WorkflowStatus.Running;
    }

    private void ExecuteContext(ActivityContext context)
    {
        if (!State.Contexts.ContainsKey(context.Id))
        {
            return;
        }

        var node = Blueprint.Activity(context.ActivityId);
        context.StartedAt = Now;
        var activity = _registry.Get(node.Type);
        var execution = new ActivityExecutionContext(this, context, node);
        if (Stopping.IsCancellationRequested)
        {
            Fault(execution, new ActivityFaultException(StopReason));
            return;
        }

        if (++_activitiesExecuted > MaxActivitiesPerBurst)
        {
            Fault(execution, new ActivityFaultException($"more than {MaxActivitiesPerBurst} activities ran without waiting: a loop with no activity that waits?"));
            return;
        }

        Step(execution, () => activity.Execute(execution));
    }

    private void NotifyParent(ActivityContext parent, ActivityNode child, IReadOnlyList<string> outcomes)
    {
        if (--_undeliveredCompletions[parent.Id] == 0)
        {
            _undeliveredCompletions.Remove(parent.Id);
        }

        if (!State.Contexts.ContainsKey(parent.Id))
        {
            return;
        }

        var node = Blueprint.Activity(parent.ActivityId);
        var activity = _registry.Get(node.Type);
        var execution = new ActivityExecutionContext(this, parent, node);
        Step(execution, () => activity.OnChildCompleted(execution, child, outcomes));
    }

    private void Step(ActivityExecutionContext execution, Action action)
    {
        Volatile.Write(ref _runningActivityId, execution.Node.Id);
        try
        {
            action();
        }
        catch (Exception e) when (e is ActivityFaultException or ExpressionException or FormatException or InvalidOperationException)
        {
            Fault(execution, e);
            return;
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            Fault(execution, new ActivityFaultException(StopReason));
            return;
        }
        finally
        {
            Volatile.Write(ref _runningActivityId, null);
        }

        var context = execution.State;
        if (!execution.Ended && !context.Suspended && context.Bookmarks.Count > 0)
        {
            context.Suspended = true;
            AddJournal(execution.Node, "Suspended", context.StartedAt, null, null, null);
        }
    }

    private void Fault(ActivityExecutionContext execution, Exception exception)
    {
        State.Incidents.Add(new Incident(execution.Node.Id, execution.Node.Type, exception.Message, exception.GetType().Name, Now) { ContextId = execution.State.Id });
        AddJournal(execution.Node, "Faulted", execution.State.StartedAt, Now, null, exception.Message);
        ParkBookmarks();

        _agenda.Clear();
        _terminalAgenda.Clear();
        _undeliveredCompletions.Clear();
        Status = WorkflowStatus.Faulted;
    }

    private void EndWithoutNotifying(ActivityExecutionContext execution, IReadOnlyList<string> outcomes)
    {
        execution.Ended = true;
        RemoveBookmarks(execution.State);
        _pendingText.Remove(execution.State.Id, out var text);
        AddJournal(execution.Node, "Completed", execution.State.StartedAt, Now, outcomes, text);
        State.Contexts.Remove(execution.State.Id);
    }

    /// <summary>
    /// Writes the completed activity's outputs to the variables and workflow outputs their memory references name
    /// (Elsa's output binding, see <see cref="MemoryReference"/>); the activity type says what its outputs are.
    /// </summary>
    private void WriteBoundOutputs(ActivityExecutionContext execution, JsonNode? result)
    {
        var node = execution.Node;
        if (!MemoryReference.AnyIn(node) || !_registry.TryGet(node.Type, out var activity))
        {
            return;
        }

        foreach (var (output, value) in activity.Outputs(node, result))
        {
            if (MemoryReference.IdOf(node, output) is { } id)
            {
                MemoryReference.Write(id, value, Blueprint.Definition, ScopeOf(execution.State), State.Output);
            }
        }
    }

    /// <summary>A fault removes every bookmark; those of activities still waiting are kept aside for a retry or skip.</summary>
    private void ParkBookmarks()
    {
        var parked = new List<Bookmark>();
        foreach (var context in State.Contexts.Values)
        {
            parked.AddRange(context.Bookmarks);
            RemoveBookmarks(context);
        }

        State.ParkedBookmarks = parked.Count > 0 ? parked : null;
    }

    private void RemoveBookmarks(ActivityContext context)
    {
        foreach (var bookmark in context.Bookmarks)
        {
            if (!CreatedBookmarks.Remove(bookmark))
            {
                RemovedBookmarks.Add(bookmark);
            }
        }

        context.Bookmarks.Clear();
    }

    private void AddJournal(ActivityNode node, string @event, DateTimeOffset? startedAt, DateTimeOffset? completedAt, IReadOnlyList<string>? outcomes, string? message) =>
        Journal.Add(new JournalEntry(++State.JournalSequence, node.Id, node.Type, @event, startedAt, completedAt, outcomes, message));

    private string NextId() => (++State.NextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Variables of a context: its own and its ancestors' scope variables, then the workflow's.</summary>
    private sealed class ContextScope(Burst burst, ActivityContext context) : IExpressionScope
    {
        public string InstanceId => burst.InstanceId;

        public string? CorrelationId
        {
            get => burst.CorrelationId;
            set => burst.CorrelationId = value;
        }

        public JsonObject WorkflowInput => burst.State.Input;

        public DateTimeOffset Now => burst.Now;

        public CancellationToken Stopping => burst.Stopping;

        public TimeZoneInfo TimeZone => burst.TimeZone;

        public JsonNode? LastResult => burst.State.LastResultActivityId is { } id ? burst.State.Results[id] : null;

        public List<string>? RequestedOutcomes { get; set; }

        public bool HasVariable(string name) => FindScope(name) is not null || burst.State.Variables.ContainsKey(name);

        public JsonNode? GetVariable(string name) => (FindScope(name) ?? burst.State.Variables)[name];

        public void SetVariable(string name, JsonNode? value) => (FindScope(name) ?? burst.State.Variables)[name] = value?.DeepClone();

        public IReadOnlyDictionary<string, JsonNode?> VisibleVariables()
        {
            var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (name, value) in burst.State.Variables)
            {
                result[name] = value;
            }

            var scopes = new Stack<JsonObject>();
            for (var current = context; current is not null; current = current.ParentId is { } p && burst.State.Contexts.TryGetValue(p, out var parent) ? parent : null)
            {
                if (current.Scope is not null)
                {
                    scopes.Push(current.Scope);
                }
            }

            foreach (var scope in scopes)
            {
                foreach (var (name, value) in scope)
                {
                    result[name] = value;
                }
            }

            return result;
        }

        public JsonNode? GetActivityResult(string activityIdOrName)
        {
            if (burst.State.Results.TryGetPropertyValue(activityIdOrName, out var byId))
            {
                return byId;
            }

            var named = burst.Blueprint.Definition.AllActivities().FirstOrDefault(a => a.Name == activityIdOrName);
            return named is null ? null : burst.State.Results[named.Id];
        }

        public WorkflowDefinition Definition => burst.Blueprint.Definition;

        public IEnumerable<ActivityNode> EnclosingActivities()
        {
            for (var current = context; current.ParentId is { } p && burst.State.Contexts.TryGetValue(p, out var parent); current = parent)
            {
                yield return burst.Blueprint.Activity(parent.ActivityId);
            }
        }

        public IReadOnlyList<string> OutputNamesOf(ActivityNode activity) =>
            burst._registry.TryGet(activity.Type, out var behaviour) ? [.. behaviour.Outputs(activity, null).Select(o => o.Key)] : [];

        public JsonNode? GetActivityOutput(ActivityNode activity, string outputName) =>
            burst._registry.TryGet(activity.Type, out var behaviour)
                ? behaviour.Outputs(activity, burst.State.Results[activity.Id]).FirstOrDefault(o => o.Key == outputName).Value
                : null;

        private JsonObject? FindScope(string name)
        {
            for (var current = context; current is not null; current = current.ParentId is { } p && burst.State.Contexts.TryGetValue(p, out var parent) ? parent : null)
            {
                if (current.Scope is not null && current.Scope.ContainsKey(name))
                {
                    return current.Scope;
                }
            }

            return null;
        }
    }
}

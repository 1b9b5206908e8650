using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The task changes a burst commits: created, completed, escalated, cancelled. Each writes the task row, history and
/// outbox events through the burst's writer (<see cref="EffectContext"/>); a change of an existing task is written with
/// its concurrency version as read, so a task changed meanwhile fails the burst (<c>DbUpdateConcurrencyException</c>).
/// </summary>
internal static class TaskEffects
{
    public const string System = "system";

    private static readonly RowQuery<TaskRecord> TaskById = new([nameof(TaskRecord.Id)]);
    private static readonly RowQuery<ProgressReportRecord> ReportSequences = new([nameof(ProgressReportRecord.TaskId)], [nameof(ProgressReportRecord.Sequence)]);

    /// <summary>The task as the burst's transaction sees it; null when there is none.</summary>
    private static async Task<TaskRecord?> FindAsync(EffectContext context, string taskId, CancellationToken cancellationToken) =>
        (await context.ReadAsync(TaskById, [taskId], cancellationToken)).SingleOrDefault();

    public static JsonObject EventData(TaskRecord task) => new()
    {
        ["taskId"] = task.Id,
        ["instanceId"] = task.InstanceId,
        ["agency"] = task.AgencyCode,
        ["kind"] = task.Kind,
        ["title"] = task.Title,
        ["titleEn"] = task.TitleEn ?? task.Title,
        ["state"] = task.State.ToString(),
        ["colour"] = task.Colour.ToString(),
        ["dueAt"] = task.DueAt,
        ["correlationId"] = task.CorrelationId,
    };

    /// <summary>Names the actor of an event (<c>by</c>) and, when they acted through a delegation, whom for (<c>actingFor</c>).</summary>
    public static void AddActor(JsonObject data, string by, string? actingFor)
    {
        data["by"] = by;
        if (actingFor is not null)
        {
            data["actingFor"] = actingFor;
        }
    }

    /// <summary>A task made by a HumanTask activity.</summary>
    internal sealed record Created(TaskRecord Record) : IPersistentEffect
    {
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            var rows = new TaskRows();
            rows.AddHistory(Record.Id, "Created", System, context.Now, new JsonObject { ["agency"] = Record.AgencyCode, ["colour"] = Record.Colour.ToString() });
            rows.AddEvent(OutboxEventTypes.TaskCreated, context.InstanceId, EventData(Record), context.Now, Record.AgencyCode);
            await context.InsertAsync([Record], cancellationToken);
            await rows.WriteAsync(context, cancellationToken);
        }
    }

    /// <summary>The task's bookmark was resumed with an outcome, by <paramref name="By"/> (acting for <paramref name="ActingFor"/> through a delegation, when set).</summary>
    internal sealed record Completed(string TaskId, string Outcome, JsonNode? Data, string By, string? ActingFor = null) : IPersistentEffect
    {
        /// <exception cref="NotFoundException">The task does not exist.</exception>
        /// <exception cref="ConflictException">The task is already completed or cancelled.</exception>
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            var task = await FindAsync(context, TaskId, cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");
            if (task.State is TaskState.Completed or TaskState.Cancelled)
            {
                throw new ConflictException($"task '{TaskId}' is already {task.State}");
            }

            var readVersion = task.ConcurrencyVersion;
            task.State = TaskState.Completed;
            task.Outcome = Outcome;
            task.Result = Data?.ToJsonString();
            task.CompletedBy = By;
            task.CompletedAt = context.Now;
            task.UpdatedAt = context.Now;
            task.ClaimedBy ??= By;
            task.ConcurrencyVersion++;
            var rows = new TaskRows();
            if (task.Kind == StepKinds.Report || (task.Kind == StepKinds.Contribution && ProgressReportData.IsReport(Data)))
            {
                await RecordReportAsync(task, context, rows, cancellationToken);
            }

            if (task.ParentTaskId is { } parentId && await FindAsync(context, parentId, cancellationToken) is { } parent)
            {
                // The lead unit sees in its own task's history that the co-unit reported, and both are told.
                var part = new JsonObject { ["agency"] = task.AgencyCode, ["taskId"] = task.Id };
                if (ProgressReportData.IsReport(Data))
                {
                    part["progressPercent"] = rows.ProgressReports.LastOrDefault()?.ProgressPercent;
                }

                rows.AddHistory(parent.Id, "CoUnitReported", By, context.Now, (JsonObject)part.DeepClone());
                var reported = EventData(task);
                reported["parentTaskId"] = parent.Id;
                reported["leadAgency"] = parent.AgencyCode;
                reported["by"] = By;
                reported["progressPercent"] = part["progressPercent"]?.DeepClone();
                rows.AddEvent(OutboxEventTypes.TaskCoUnitReported, context.InstanceId, reported, context.Now, task.AgencyCode, parent.AgencyCode);
            }

            var completed = new JsonObject { ["outcome"] = Outcome };
            foreach (var said in (string[])["reason", "opinion", "comment"])
            {
                if (Data?[said] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
                {
                    completed[said] = text;
                }
            }

            rows.AddHistory(task.Id, "Completed", By, context.Now, completed, ActingFor);
            var data = EventData(task);
            data["outcome"] = Outcome;
            AddActor(data, By, ActingFor);
            rows.AddEvent(OutboxEventTypes.TaskCompleted, context.InstanceId, (JsonObject)data.DeepClone(), context.Now, task.AgencyCode);
            if (OutboxEventTypes.ForOutcome(Outcome) is { } outcomeType)
            {
                rows.AddEvent(outcomeType, context.InstanceId, data, context.Now, task.AgencyCode);
            }

            await context.UpdateAsync(task, readVersion, cancellationToken);
            await rows.WriteAsync(context, cancellationToken);
        }

        /// <summary>A report step's completion data is its progress report: recorded with the completion, in the same burst.</summary>
        private async Task RecordReportAsync(TaskRecord task, EffectContext context, TaskRows rows, CancellationToken cancellationToken)
        {
            var earlier = await context.ReadAsync(ReportSequences, [task.Id], cancellationToken);
            var sequence = earlier.Select(r => r.Sequence).DefaultIfEmpty(0).Max() + 1;
            rows.AddProgressReport(task, ProgressReportData.ToRecord(Data, task.Id, sequence, By, context.Now), ActingFor);
        }
    }

    /// <summary>An escalation (a ladder step, or an AiPlus.Escalate activity): a supervision action is recorded and the colour follows the rules.</summary>
    internal sealed record Escalated(string TaskId, int Level, string Action, TaskColour Colour, string Trigger = EscalationTriggers.Ladder, string? Reason = null) : IPersistentEffect
    {
        /// <exception cref="NotFoundException">The task does not exist.</exception>
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            var task = await FindAsync(context, TaskId, cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");
            var readVersion = task.ConcurrencyVersion;

            // A ladder rung sets the colour its rule gives at this time; a workflow's escalation never lowers it.
            var colour = Colour > task.Colour || Trigger == EscalationTriggers.Ladder ? Colour : task.Colour;
            var rows = new TaskRows();
            Escalate(task, context.InstanceId, context.Now, new Supervision(Level, Action, Trigger, System, Reason), colour, rows);
            await context.UpdateAsync(task, readVersion, cancellationToken);
            await rows.WriteAsync(context, cancellationToken);
        }
    }

    /// <summary>
    /// The task's due time moved (by NDRC staff, with a reason): the due time, colour, ladder times and the bookmark its
    /// completion resumes change; history <c>DueExtended</c> <c>{from, to, reason}</c> (and <c>ColourChanged</c>), event
    /// <see cref="OutboxEventTypes.TaskDueExtended"/>.
    /// </summary>
    internal sealed record DueExtended(string TaskId, DateTimeOffset To, TaskColour Colour, string Reason, string By, string BookmarkId, string? Ladder) : IPersistentEffect
    {
        /// <exception cref="NotFoundException">The task does not exist.</exception>
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            var task = await FindAsync(context, TaskId, cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");
            var readVersion = task.ConcurrencyVersion;
            var from = task.DueAt;
            task.DueAt = To;
            task.BookmarkId = BookmarkId;
            task.EscalationLadder = Ladder;
            task.UpdatedAt = context.Now;
            task.ConcurrencyVersion++;
            var rows = new TaskRows();
            rows.AddHistory(task.Id, "DueExtended", By, context.Now, new JsonObject { ["from"] = from, ["to"] = To, ["reason"] = Reason });
            Recolour(task, context.InstanceId, context.Now, Colour, rows);

            var data = EventData(task);
            data["from"] = from;
            data["reason"] = Reason;
            data["by"] = By;
            rows.AddEvent(OutboxEventTypes.TaskDueExtended, context.InstanceId, data, context.Now, task.AgencyCode);
            await context.UpdateAsync(task, readVersion, cancellationToken);
            await rows.WriteAsync(context, cancellationToken);
        }
    }

    /// <summary>One supervision action to record on a task.</summary>
    internal sealed record Supervision(int Level, string Action, string Trigger, string Actor, string? Reason);

    /// <summary>
    /// Records a supervision action on a tracked task: the action row (issued to the task's agency), the level (never
    /// lowered), the colour when it changes, a history entry and an outbox event (all under <paramref name="instanceId"/>, the
    /// instance that acted) — <c>Urged</c> /
    /// <see cref="OutboxEventTypes.TaskUrged"/> for a 催办 by hand, else <c>Escalated</c> / <see cref="OutboxEventTypes.TaskEscalated"/>.
    /// The task is changed in place (its version raised); the new rows go to <paramref name="rows"/>.
    /// </summary>
    internal static void Escalate(TaskRecord task, string instanceId, DateTimeOffset now, Supervision action, TaskColour colour, TaskRows rows)
    {
        var manual = action.Trigger == EscalationTriggers.Manual;
        if (action.Level >= task.EscalationLevel)
        {
            task.EscalationLevel = action.Level;
            task.EscalationAction = action.Action;
        }

        task.UpdatedAt = now;
        task.ConcurrencyVersion++;
        var entry = new JsonObject { ["level"] = action.Level, ["action"] = action.Action, ["colour"] = colour.ToString() };
        if (manual)
        {
            entry["message"] = action.Reason;
        }
        else
        {
            entry["trigger"] = action.Trigger;
            entry["reason"] = action.Reason;
        }

        rows.AddHistory(task.Id, manual ? "Urged" : "Escalated", action.Actor, now, entry);
        rows.SupervisionActions.Add(new SupervisionActionRecord
        {
            InstanceId = instanceId,
            TaskId = task.Id,
            AgencyCode = task.AgencyCode,
            Action = action.Action,
            Level = action.Level,
            Trigger = action.Trigger,
            Actor = action.Actor,
            Reason = action.Reason,
            At = now,
        });
        Recolour(task, instanceId, now, colour, rows);

        var data = EventData(task);
        data["level"] = action.Level;
        data["action"] = action.Action;
        data["trigger"] = action.Trigger;
        data["by"] = action.Actor;
        data[manual ? "message" : "reason"] = action.Reason;
        rows.AddEvent(manual ? OutboxEventTypes.TaskUrged : OutboxEventTypes.TaskEscalated, instanceId, data, now, task.AgencyCode);
    }

    /// <summary>Changes the task's colour, when it differs, with a <c>ColourChanged</c> history entry and event.</summary>
    private static void Recolour(TaskRecord task, string instanceId, DateTimeOffset now, TaskColour colour, TaskRows rows)
    {
        if (task.Colour == colour)
        {
            return;
        }

        rows.AddHistory(task.Id, "ColourChanged", System, now, new JsonObject { ["from"] = task.Colour.ToString(), ["to"] = colour.ToString() });
        var colourData = EventData(task);
        colourData["from"] = task.Colour.ToString();
        colourData["colour"] = colour.ToString();
        rows.AddEvent(OutboxEventTypes.TaskColourChanged, instanceId, colourData, now, task.AgencyCode);
        task.Colour = colour;
    }

    /// <summary>
    /// The lead unit submitted its task while co-units had not reported, with a reason: recorded in the task's history
    /// (before its completion) and sent to the lead unit and the co-units still pending.
    /// </summary>
    internal sealed record CoUnitsOverridden(string TaskId, string Reason, string By, IReadOnlyList<string> Pending) : IPersistentEffect
    {
        /// <exception cref="NotFoundException">The task does not exist.</exception>
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            var task = await FindAsync(context, TaskId, cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");
            var pending = new JsonArray([.. Pending.Select(a => (JsonNode)a)]);
            var rows = new TaskRows();
            rows.AddHistory(task.Id, "CoUnitsOverridden", By, context.Now, new JsonObject { ["reason"] = Reason, ["pending"] = pending.DeepClone() });
            var data = EventData(task);
            data["reason"] = Reason;
            data["pending"] = pending;
            data["by"] = By;
            rows.AddEvent(OutboxEventTypes.TaskCoUnitsOverridden, context.InstanceId, data, context.Now, [task.AgencyCode, .. Pending]);
            await rows.WriteAsync(context, cancellationToken);
        }
    }

    /// <summary>A co-unit's sub-task still open when the lead unit submitted: cancelled with this reason in its history.</summary>
    internal static readonly (string Zh, string En) LeadSubmitted = ("主办单位已提交", "the lead unit has submitted");

    /// <summary>
    /// The workflow stopped waiting for the task; a task already ended (or gone) stays as it is. A reason (per language;
    /// e.g. the lead unit submitted, or a review was decided without this reviewer) goes into the history entry and the event.
    /// </summary>
    internal sealed record Cancelled(string TaskId, (string Zh, string En)? Reason = null) : IPersistentEffect
    {
        public async Task ApplyAsync(EffectContext context, CancellationToken cancellationToken)
        {
            var task = await FindAsync(context, TaskId, cancellationToken);
            if (task is null || task.State is TaskState.Completed or TaskState.Cancelled)
            {
                return;
            }

            var readVersion = task.ConcurrencyVersion;
            task.State = TaskState.Cancelled;
            task.UpdatedAt = context.Now;
            task.ConcurrencyVersion++;
            var rows = new TaskRows();
            rows.AddHistory(task.Id, "Cancelled", System, context.Now, Reason is { } reason ? new JsonObject { ["reason"] = reason.Zh, ["reasonEn"] = reason.En } : null);
            var data = EventData(task);
            if (Reason is { } given)
            {
                data["reason"] = given.Zh;
            }

            rows.AddEvent(OutboxEventTypes.TaskCancelled, context.InstanceId, data, context.Now, task.AgencyCode);
            await context.UpdateAsync(task, readVersion, cancellationToken);
            await rows.WriteAsync(context, cancellationToken);
        }
    }
}

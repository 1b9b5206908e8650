using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>The task changes a burst commits: created, completed, escalated, cancelled. Each writes history and an outbox event.</summary>
internal static class TaskEffects
{
    public const string System = "system";

    public static void History(WorkflowDbContext db, string taskId, string action, string actor, DateTimeOffset at, JsonObject? data = null) =>
        db.TaskEvents.Add(new TaskEventRecord { TaskId = taskId, Action = action, Actor = actor, At = at, Data = data?.ToJsonString() });

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

    /// <summary>A task made by a HumanTask activity.</summary>
    internal sealed record Created(TaskRecord Record) : IPersistentEffect
    {
        public Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken)
        {
            db.Tasks.Add(Record);
            History(db, Record.Id, "Created", System, context.Now, new JsonObject { ["agency"] = Record.AgencyCode, ["colour"] = Record.Colour.ToString() });
            OutboxEvents.Add(db, OutboxEventTypes.TaskCreated, context.InstanceId, EventData(Record), context.Now, Record.AgencyCode);
            return Task.CompletedTask;
        }
    }

    /// <summary>The task's bookmark was resumed with an outcome.</summary>
    internal sealed record Completed(string TaskId, string Outcome, JsonNode? Data, string By) : IPersistentEffect
    {
        public async Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken)
        {
            var task = await db.Tasks.FindAsync([TaskId], cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");
            if (task.State is TaskState.Completed or TaskState.Cancelled)
            {
                throw new ConflictException($"task '{TaskId}' is already {task.State}");
            }

            task.State = TaskState.Completed;
            task.Outcome = Outcome;
            task.Result = Data?.ToJsonString();
            task.CompletedBy = By;
            task.CompletedAt = context.Now;
            task.UpdatedAt = context.Now;
            task.ClaimedBy ??= By;
            task.ConcurrencyVersion++;
            if (task.Kind == StepKinds.Report)
            {
                await RecordReportAsync(db, task, context, cancellationToken);
            }

            var completed = new JsonObject { ["outcome"] = Outcome };
            foreach (var said in (string[])["reason", "opinion", "comment"])
            {
                if (Data?[said] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text))
                {
                    completed[said] = text;
                }
            }

            History(db, task.Id, "Completed", By, context.Now, completed);
            var data = EventData(task);
            data["outcome"] = Outcome;
            data["by"] = By;
            OutboxEvents.Add(db, OutboxEventTypes.TaskCompleted, context.InstanceId, (JsonObject)data.DeepClone(), context.Now, task.AgencyCode);
            if (OutboxEventTypes.ForOutcome(Outcome) is { } outcomeType)
            {
                OutboxEvents.Add(db, outcomeType, context.InstanceId, data, context.Now, task.AgencyCode);
            }
        }

        /// <summary>A report step's completion data is its progress report: recorded with the completion, in the same burst.</summary>
        private async Task RecordReportAsync(WorkflowDbContext db, TaskRecord task, EffectContext context, CancellationToken cancellationToken)
        {
            var sequence = (await db.ProgressReports.Where(r => r.TaskId == task.Id).MaxAsync(r => (int?)r.Sequence, cancellationToken) ?? 0) + 1;
            var report = ProgressReportData.ToRecord(Data, task.Id, sequence, By, context.Now);
            db.ProgressReports.Add(report);
            History(db, task.Id, "ProgressReported", By, context.Now, new JsonObject { ["sequence"] = sequence, ["progressPercent"] = report.ProgressPercent });
            var data = EventData(task);
            data["sequence"] = sequence;
            data["progressPercent"] = report.ProgressPercent;
            data["selfColour"] = report.SelfColour.ToString();
            OutboxEvents.Add(db, "task.progress_reported", context.InstanceId, data, context.Now, task.AgencyCode);
        }
    }

    /// <summary>An escalation (a ladder step, or an AiPlus.Escalate activity): a supervision action is recorded and the colour follows the rules.</summary>
    internal sealed record Escalated(string TaskId, int Level, string Action, TaskColour Colour, string Trigger = EscalationTriggers.Ladder, string? Reason = null) : IPersistentEffect
    {
        public async Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken)
        {
            var task = await db.Tasks.FindAsync([TaskId], cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");

            // A ladder rung sets the colour its rule gives at this time; a workflow's escalation never lowers it.
            var colour = Colour > task.Colour || Trigger == EscalationTriggers.Ladder ? Colour : task.Colour;
            Escalate(db, task, context.InstanceId, context.Now, new Supervision(Level, Action, Trigger, System, Reason), colour);
        }
    }

    /// <summary>One supervision action to record on a task.</summary>
    internal sealed record Supervision(int Level, string Action, string Trigger, string Actor, string? Reason);

    /// <summary>
    /// Records a supervision action on a tracked task: the action row (issued to the task's agency), the level (never
    /// lowered), the colour when it changes, a history entry and an outbox event (all under <paramref name="instanceId"/>, the
    /// instance that acted) — <c>Urged</c> /
    /// <see cref="OutboxEventTypes.TaskUrged"/> for a 催办 by hand, else <c>Escalated</c> / <see cref="OutboxEventTypes.TaskEscalated"/>.
    /// </summary>
    internal static void Escalate(WorkflowDbContext db, TaskRecord task, string instanceId, DateTimeOffset now, Supervision action, TaskColour colour)
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

        History(db, task.Id, manual ? "Urged" : "Escalated", action.Actor, now, entry);
        db.SupervisionActions.Add(new SupervisionActionRecord
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
        if (task.Colour != colour)
        {
            History(db, task.Id, "ColourChanged", System, now, new JsonObject { ["from"] = task.Colour.ToString(), ["to"] = colour.ToString() });
            var colourData = EventData(task);
            colourData["from"] = task.Colour.ToString();
            colourData["colour"] = colour.ToString();
            OutboxEvents.Add(db, OutboxEventTypes.TaskColourChanged, instanceId, colourData, now, task.AgencyCode);
            task.Colour = colour;
        }

        var data = EventData(task);
        data["level"] = action.Level;
        data["action"] = action.Action;
        data["trigger"] = action.Trigger;
        data["by"] = action.Actor;
        data[manual ? "message" : "reason"] = action.Reason;
        OutboxEvents.Add(db, manual ? OutboxEventTypes.TaskUrged : OutboxEventTypes.TaskEscalated, instanceId, data, now, task.AgencyCode);
    }

    /// <summary>The workflow stopped waiting for the task.</summary>
    internal sealed record Cancelled(string TaskId) : IPersistentEffect
    {
        public async Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken)
        {
            var task = await db.Tasks.FindAsync([TaskId], cancellationToken);
            if (task is null || task.State is TaskState.Completed or TaskState.Cancelled)
            {
                return;
            }

            task.State = TaskState.Cancelled;
            task.UpdatedAt = context.Now;
            task.ConcurrencyVersion++;
            History(db, task.Id, "Cancelled", System, context.Now);
            OutboxEvents.Add(db, OutboxEventTypes.TaskCancelled, context.InstanceId, EventData(task), context.Now, task.AgencyCode);
        }
    }
}

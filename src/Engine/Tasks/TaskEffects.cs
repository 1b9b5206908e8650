using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;

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
            OutboxEvents.Add(db, "task.created", context.InstanceId, EventData(Record), context.Now, Record.AgencyCode);
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
            History(db, task.Id, "Completed", By, context.Now, new JsonObject { ["outcome"] = Outcome });
            var data = EventData(task);
            data["outcome"] = Outcome;
            data["by"] = By;
            OutboxEvents.Add(db, "task.completed", context.InstanceId, (JsonObject)data.DeepClone(), context.Now, task.AgencyCode);
            if (Outcome is "Submitted" or "Approved" or "Returned" or "Closed")
            {
                OutboxEvents.Add(db, "task." + Outcome.ToLowerInvariant(), context.InstanceId, data, context.Now, task.AgencyCode);
            }
        }
    }

    /// <summary>An escalation (a ladder step, or an AiPlus.Escalate activity): a supervision action is recorded and the colour follows the rules.</summary>
    internal sealed record Escalated(string TaskId, int Level, string Action, TaskColour Colour, string Trigger = "ladder", string? Reason = null) : IPersistentEffect
    {
        public async Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken)
        {
            var task = await db.Tasks.FindAsync([TaskId], cancellationToken) ?? throw new NotFoundException($"task '{TaskId}' does not exist");
            task.EscalationLevel = Math.Max(task.EscalationLevel, Level);
            var colour = Colour > task.Colour || Trigger == "ladder" ? Colour : task.Colour;
            task.UpdatedAt = context.Now;
            task.ConcurrencyVersion++;
            History(db, task.Id, "Escalated", System, context.Now, new JsonObject { ["level"] = Level, ["action"] = Action, ["colour"] = Colour.ToString() });
            db.SupervisionActions.Add(new SupervisionActionRecord
            {
                InstanceId = context.InstanceId,
                TaskId = task.Id,
                AgencyCode = task.AgencyCode,
                Action = Action,
                Level = Level,
                Trigger = Trigger,
                Reason = Reason,
                At = context.Now,
            });
            if (task.Colour != colour)
            {
                History(db, task.Id, "ColourChanged", System, context.Now, new JsonObject { ["from"] = task.Colour.ToString(), ["to"] = colour.ToString() });
                var colourData = EventData(task);
                colourData["from"] = task.Colour.ToString();
                colourData["colour"] = colour.ToString();
                OutboxEvents.Add(db, "task.colour_changed", context.InstanceId, colourData, context.Now, task.AgencyCode);
                task.Colour = colour;
            }

            var data = EventData(task);
            data["level"] = Level;
            data["action"] = Action;
            data["trigger"] = Trigger;
            data["reason"] = Reason;
            OutboxEvents.Add(db, "task.escalated", context.InstanceId, data, context.Now, task.AgencyCode);
        }
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
            OutboxEvents.Add(db, "task.cancelled", context.InstanceId, EventData(task), context.Now, task.AgencyCode);
        }
    }
}

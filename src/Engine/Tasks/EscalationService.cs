using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Supervision by hand (督办): NDRC supervisors and planners urge (催办) an open task with a message. The 催办 is recorded
/// like a rung of the task's ladder — a supervision action (trigger <see cref="EscalationTriggers.Manual"/>, the actor,
/// the message), a history entry <c>Urged</c>, the task's escalation level raised to at least that of 催办 on its ladder —
/// and told to the task's agency by the outbox event <see cref="OutboxEventTypes.TaskUrged"/>, all in one transaction.
/// </summary>
public sealed class EscalationService(
    IDbContextFactory<WorkflowDbContext> dbFactory, TaskService tasks, TimeProvider time, WorkflowRuntime runtime, InstanceQueries queries, Audit.AuditTrail audit, Microsoft.Extensions.Options.IOptions<InputLimits> limits)
{
    /// <summary>How often a due-date change is tried again when the task's bookmark moved on meanwhile.</summary>
    private const int Attempts = 3;

    /// <summary>Longest 催办 message.</summary>
    public const int MaxMessageLength = 2000;

    /// <summary>Whether <paramref name="caller"/> may urge tasks: NDRC planners and supervisors (not auditors, agencies or their systems).</summary>
    public static bool MayUrge(Caller caller) => caller.IsNdrcStaff && !caller.IsSystem;

    /// <summary>Urges an open or claimed task (催办) with a message; returns the task as the caller now sees it.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor (checked first, whatever the task).</exception>
    /// <exception cref="RequestValidationException">The message is empty or longer than <see cref="MaxMessageLength"/> (field <c>message</c>).</exception>
    /// <exception cref="NotFoundException">No such task.</exception>
    /// <exception cref="ConflictException">The task is completed or cancelled, or changed meanwhile.</exception>
    public async Task<TaskView> UrgeAsync(Caller caller, string taskId, string? message, CancellationToken cancellationToken = default)
    {
        if (!MayUrge(caller))
        {
            throw new ForbiddenException("only NDRC supervisors and planners urge tasks");
        }

        var text = message?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw RequestValidationException.For("message", "a 催办 needs a message");
        }

        if (text.Length > MaxMessageLength)
        {
            throw RequestValidationException.For("message", $"a 催办 message has at most {MaxMessageLength} characters");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var task = await TaskService.FindVisibleAsync(db, caller, taskId, tracked: true, cancellationToken);
            if (task.State is TaskState.Completed or TaskState.Cancelled)
            {
                throw new ConflictException($"task '{taskId}' is already {task.State}");
            }

            var level = UrgeLevel(ReadLadder(task.EscalationLadder));
            var rows = new TaskRows();
            TaskEffects.Escalate(
                task, task.InstanceId, time.GetUtcNow(), new TaskEffects.Supervision(level, EscalationStep.Urge, EscalationTriggers.Manual, caller.Name, text), task.Colour, rows);
            rows.AddTo(db);
            await TaskService.SaveAsync(db, taskId, cancellationToken);
        }

        return await tasks.GetAsync(caller, taskId, cancellationToken);
    }

    /// <summary>
    /// Moves an open or claimed task's due time later, with a reason (NDRC planners and supervisors): the task's colour
    /// follows, its escalation ladder's timers move with it (<see cref="HumanTaskActivity"/>), the history shows
    /// <c>DueExtended</c> and the event <see cref="OutboxEventTypes.TaskDueExtended"/> is sent, all in one burst of the
    /// task's instance, through the task's own bookmark (as 加签 reaches a review, docs/decisions/026). Returns the task as
    /// the caller now sees it.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor (checked first, whatever the task).</exception>
    /// <exception cref="RequestValidationException"><c>dueAt</c> missing, not later than now or than the task's due time; <c>reason</c> empty or too long.</exception>
    /// <exception cref="NotFoundException">No such task the caller sees.</exception>
    /// <exception cref="ConflictException">The task is completed or cancelled, not a workflow's human task, or kept changing.</exception>
    public async Task<TaskView> ExtendDueAsync(Caller caller, string taskId, DateTimeOffset? dueAt, string? reason, CancellationToken cancellationToken = default)
    {
        if (!MayUrge(caller))
        {
            throw new ForbiddenException("only NDRC supervisors and planners extend due dates");
        }

        var text = reason?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw RequestValidationException.For("reason", "give the reason for the new due date");
        }

        if (text.Length > limits.Value.MaxTextLength)
        {
            throw RequestValidationException.For("reason", $"reason has at most {limits.Value.MaxTextLength} characters");
        }

        if (dueAt is not { } to || to <= time.GetUtcNow())
        {
            throw RequestValidationException.For("dueAt", "the new due date must be later than now");
        }

        for (var attempt = 1; ; attempt++)
        {
            string bookmarkId;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var task = await TaskService.FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken);
                if (await CannotExtendAsync(task, to, cancellationToken) is { } why)
                {
                    throw why;
                }

                bookmarkId = task.BookmarkId;
            }

            try
            {
                await runtime.ResumeAsync(bookmarkId, new JsonObject
                {
                    ["command"] = HumanTaskActivity.ExtendDueCommand,
                    ["dueAt"] = to.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                    ["reason"] = text,
                    ["by"] = caller.Name,
                }, cancellationToken);
                await audit.RecordAsync(
                    caller, Audit.AuditActions.TaskExtendDue, taskId, $"to {to.ToUniversalTime():O}: {text}", cancellationToken: CancellationToken.None);
                return await tasks.GetAsync(caller, taskId, cancellationToken);
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                // Completed, or the due time moved meanwhile: read again (the checks above then answer).
            }
        }
    }

    /// <summary>Why the task's due time cannot be moved to <paramref name="to"/>, or null when it can.</summary>
    internal async Task<Exception?> CannotExtendAsync(TaskRecord task, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (task.State is TaskState.Completed or TaskState.Cancelled)
        {
            return new ConflictException($"task '{task.Id}' is already {task.State}");
        }

        // Only the task of an AiPlus.HumanTask takes the command; a co-unit's part, a reviewer's task and the like follow theirs.
        var definition = await queries.GetDefinitionOfAsync(task.InstanceId, cancellationToken);
        if (task.ParentTaskId is not null || definition.AllActivities().FirstOrDefault(a => a.Id == task.ActivityId)?.Type != HumanTaskActivity.Type)
        {
            return new ConflictException($"task '{task.Id}' is part of another step: its due time follows that step's");
        }

        return task.DueAt is { } due && to <= due
            ? RequestValidationException.For("dueAt", $"the new due date must be later than the task's due date ({due:O})")
            : null;
    }

    /// <summary>
    /// A task's escalation: its supervision actions oldest first, and the rungs of its ladder not yet applied while it
    /// is open or claimed.
    /// </summary>
    internal static async Task<TaskEscalation> ReadAsync(WorkflowDbContext db, TaskRecord task, CancellationToken cancellationToken)
    {
        var ladder = ReadLadder(task.EscalationLadder);
        var actions = await db.SupervisionActions.AsNoTracking().Where(a => a.TaskId == task.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        if (ladder.Count == 0 && actions.Count == 0)
        {
            return TaskEscalation.None with { Level = task.EscalationLevel };
        }

        var applied = actions.Select(a => new EscalationRung(
            a.Level,
            a.Action,
            a.At,
            a.Trigger == EscalationTriggers.Ladder ? ladder.FirstOrDefault(r => r.Level == a.Level)?.DueAt : null,
            a.Trigger,
            a.Actor ?? TaskEffects.System,
            a.Reason,
            a.AgencyCode,
            EscalationStep.TellsLead(a.Action))).ToList();
        var open = task.State is TaskState.Open or TaskState.Claimed;
        var done = actions.Where(a => a.Trigger == EscalationTriggers.Ladder).Select(a => a.Level).ToHashSet();
        return new TaskEscalation(task.EscalationLevel, applied, open ? [.. ladder.Where(r => !done.Contains(r.Level))] : []);
    }

    /// <summary>The level of a 催办: its position on the task's ladder, else on the default ladder.</summary>
    private static int UrgeLevel(IReadOnlyList<PlannedEscalationRung> ladder) =>
        ladder.FirstOrDefault(r => r.Action == EscalationStep.Urge)?.Level
            ?? EscalationStep.DefaultLadder.Select((step, i) => (step, i)).First(s => s.step.Action == EscalationStep.Urge).i + 1;

    /// <summary>The ladder a task was issued with (<see cref="TaskRecord.EscalationLadder"/>), in ladder order.</summary>
    private static List<PlannedEscalationRung> ReadLadder(string? json) =>
        json is null || JsonNode.Parse(json) is not JsonArray steps
            ? []
            : [.. steps.Select(s => new PlannedEscalationRung(
                s!["level"]!.GetValue<int>(),
                s["action"]!.GetValue<string>(),
                DateTimeOffset.Parse(s["at"]!.GetValue<string>(), CultureInfo.InvariantCulture),
                EscalationStep.TellsLead(s["action"]!.GetValue<string>())))];
}

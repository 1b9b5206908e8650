using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The rows one change of a task adds besides the task row itself — history entries, supervision actions, progress
/// reports and outbox events — made once and written either way: through EF Core by the task services
/// (<see cref="AddTo"/>), or through the burst's prepared-statement writer by the task effects (<see cref="WriteAsync"/>).
/// Each kind keeps the order it was added in (outbox positions follow it).
/// </summary>
internal sealed class TaskRows
{
    public List<TaskEventRecord> History { get; } = [];

    public List<SupervisionActionRecord> SupervisionActions { get; } = [];

    public List<ProgressReportRecord> ProgressReports { get; } = [];

    public List<OutboxRecord> Outbox { get; } = [];

    /// <summary>Adds a history entry of the task; <paramref name="actingFor"/>: whom the actor acted for through a delegation.</summary>
    public void AddHistory(string taskId, string action, string actor, DateTimeOffset at, JsonObject? data = null, string? actingFor = null) =>
        History.Add(new TaskEventRecord { TaskId = taskId, Action = action, Actor = actor, ActingFor = actingFor, At = at, Data = data?.ToJsonString() });

    /// <summary>Adds a domain event (see <see cref="OutboxEvents.Create"/>).</summary>
    public void AddEvent(string type, string? instanceId, JsonObject data, DateTimeOffset now, params IEnumerable<string> agencies) =>
        Outbox.Add(OutboxEvents.Create(type, instanceId, data, now, agencies));

    /// <summary>Adds a progress report on <paramref name="task"/>, with its history entry and its event (by someone acting for <paramref name="actingFor"/>, when set).</summary>
    public void AddProgressReport(TaskRecord task, ProgressReportRecord report, string? actingFor = null)
    {
        ProgressReports.Add(report);
        AddHistory(task.Id, "ProgressReported", report.ReportedBy, report.ReportedAt, new JsonObject { ["sequence"] = report.Sequence, ["progressPercent"] = report.ProgressPercent }, actingFor);
        var data = TaskEffects.EventData(task);
        TaskEffects.AddActor(data, report.ReportedBy, actingFor);
        data["sequence"] = report.Sequence;
        data["progressPercent"] = report.ProgressPercent;
        data["selfColour"] = report.SelfColour.ToString();
        AddEvent(OutboxEventTypes.TaskProgressReported, task.InstanceId, data, report.ReportedAt, task.AgencyCode);
    }

    /// <summary>Adds the rows to <paramref name="db"/>; they commit with its next <c>SaveChanges</c>.</summary>
    public void AddTo(WorkflowDbContext db)
    {
        db.TaskEvents.AddRange(History);
        db.SupervisionActions.AddRange(SupervisionActions);
        db.ProgressReports.AddRange(ProgressReports);
        db.Outbox.AddRange(Outbox);
    }

    /// <summary>Inserts the rows in the burst's transaction (one statement per kind of row).</summary>
    public async Task WriteAsync(EffectContext context, CancellationToken cancellationToken)
    {
        await context.InsertAsync(History, cancellationToken);
        await context.InsertAsync(SupervisionActions, cancellationToken);
        await context.InsertAsync(ProgressReports, cancellationToken);
        await context.InsertAsync(Outbox, cancellationToken);
    }
}

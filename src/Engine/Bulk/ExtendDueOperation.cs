using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// The bulk operation <c>extendDue</c> (parameters <c>{dueAt, reason}</c>, both required): each open task's due time
/// becomes <c>dueAt</c>, as <see cref="EscalationService.ExtendDueAsync"/>. One absolute time rather than a number of
/// days added to each task's own due date, so a repeat of an item finds it already due then and is skipped (a number of
/// days would move it twice). A task due later already, completed or cancelled is skipped (docs/decisions/030).
/// </summary>
public sealed class ExtendDueOperation(
    IDbContextFactory<WorkflowDbContext> dbFactory, EscalationService escalation, TimeProvider time, IOptions<EngineOptions> engine) : IBulkOperation
{
    private readonly TimeZoneInfo _china = TimeZoneInfo.FindSystemTimeZoneById(engine.Value.TimeZone);

    public string Name => "extendDue";

    public BulkTarget Target => BulkTarget.Tasks;

    public void Validate(Caller caller, JsonObject parameters)
    {
        if (!EscalationService.MayUrge(caller))
        {
            throw new ForbiddenException("only NDRC supervisors and planners extend due dates");
        }

        if (DueAt(parameters) is not { } dueAt || dueAt <= time.GetUtcNow())
        {
            throw RequestValidationException.For("parameters.dueAt", "give the new due date (ISO 8601 with offset), later than now");
        }

        if (Reason(parameters) is null)
        {
            throw RequestValidationException.For("parameters.reason", "give the reason for the new due date");
        }
    }

    public async Task<BulkItemOutcome> PreviewAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var (refused, from) = await CheckAsync(caller, itemId, parameters, cancellationToken);
        return refused ?? BulkItemOutcome.Succeeded($"截止时间将由 {Local(from)} 延至 {Local(DueAt(parameters))}", $"the due date would move from {Local(from)} to {Local(DueAt(parameters))}");
    }

    public async Task<BulkItemOutcome> ApplyAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var (refused, from) = await CheckAsync(caller, itemId, parameters, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        try
        {
            await escalation.ExtendDueAsync(caller, itemId, DueAt(parameters), Reason(parameters), cancellationToken);
            return BulkItemOutcome.Succeeded($"截止时间已由 {Local(from)} 延至 {Local(DueAt(parameters))}", $"the due date moved from {Local(from)} to {Local(DueAt(parameters))}");
        }
        catch (Exception e) when (e is ConflictException or RequestValidationException or NotFoundException or ForbiddenException)
        {
            return (await CheckAsync(caller, itemId, parameters, cancellationToken)).Refused ?? BulkItemOutcome.Failed("截止时间未能修改", e.Message);
        }
    }

    /// <summary>Why the task is left as it is (or fails), or null with its due time now.</summary>
    private async Task<(BulkItemOutcome? Refused, DateTimeOffset? From)> CheckAsync(Caller caller, string taskId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var to = DueAt(parameters)!.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        TaskRecord task;
        try
        {
            task = await TaskService.FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken);
        }
        catch (NotFoundException)
        {
            return (BulkItemOutcome.Failed("任务不存在", "the task does not exist"), null);
        }

        if (task.DueAt == to)
        {
            return (BulkItemOutcome.Skipped("截止时间已是该时间", "the task is already due then"), task.DueAt);
        }

        return await escalation.CannotExtendAsync(task, to, cancellationToken) switch
        {
            null => (null, task.DueAt),
            RequestValidationException => (BulkItemOutcome.Skipped($"任务截止时间 {Local(task.DueAt)} 已不早于新时间", $"the task is due {Local(task.DueAt)}, not earlier than the new date"), task.DueAt),
            _ when task.State is TaskState.Completed or TaskState.Cancelled => (BulkItemOutcome.Skipped("任务已办结或已取消", "the task is completed or cancelled"), task.DueAt),
            _ => (BulkItemOutcome.Skipped("该任务的截止时间随其所属环节", "the task's due date follows the step it belongs to"), task.DueAt),
        };
    }

    private string Local(DateTimeOffset? at) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, _china).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    private static DateTimeOffset? DueAt(JsonObject parameters) =>
        parameters["dueAt"] is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    private static string? Reason(JsonObject parameters) => BulkParameters.Text(parameters, "reason");
}

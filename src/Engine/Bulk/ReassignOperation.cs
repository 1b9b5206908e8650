using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// <c>reassign</c>: moves tasks to an agency and/or a user (<see cref="TaskService.ReassignAsync"/>), parameters
/// <c>{"agency"?, "user"?}</c>; NDRC planners and supervisors. A task already there, completed or cancelled is skipped.
/// </summary>
public sealed class ReassignOperation(TaskService tasks, DisplayNames names, AgencyDirectory? agencies = null) : IBulkOperation
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public string Name => "reassign";

    public BulkTarget Target => BulkTarget.Tasks;

    public void Validate(Caller caller, JsonObject parameters)
    {
        caller.RequirePerson("reassign tasks");
        if (!caller.IsNdrcStaff)
        {
            throw new ForbiddenException("only NDRC planners and supervisors reassign tasks in bulk");
        }

        var (agency, user) = Read(parameters);
        if (agency is null && user is null)
        {
            throw RequestValidationException.For("parameters.agency", "name a new agency, a user, or both");
        }

        if (agency is not null && agencies is not null && agencies.Find(agency) is null)
        {
            throw RequestValidationException.For("parameters.agency", $"unknown agency '{agency}'");
        }
    }

    public async Task<BulkItemOutcome> PreviewAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var task = await tasks.GetSummaryAsync(caller, itemId, cancellationToken);
        var (agency, user) = Read(parameters);
        return Unchanged(task, agency, user) ?? BulkItemOutcome.Succeeded(
            $"将从{names.Agency(task.AgencyCode, Chinese)}改派到{Whom(task, agency, user, Chinese)}",
            $"will move from {names.Agency(task.AgencyCode, English)} to {Whom(task, agency, user, English)}");
    }

    public async Task<BulkItemOutcome> ApplyAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var task = await tasks.GetSummaryAsync(caller, itemId, cancellationToken);
        var (agency, user) = Read(parameters);
        if (Unchanged(task, agency, user) is { } unchanged)
        {
            return unchanged;
        }

        await tasks.ApplyReassignmentAsync(caller, itemId, agency, user, cancellationToken);
        return BulkItemOutcome.Succeeded(
            $"已从{names.Agency(task.AgencyCode, Chinese)}改派到{Whom(task, agency, user, Chinese)}",
            $"moved from {names.Agency(task.AgencyCode, English)} to {Whom(task, agency, user, English)}");
    }

    /// <summary>Skipped: a closed task, or one already with the agency and user named (a repeat after a crash lands here).</summary>
    private static BulkItemOutcome? Unchanged(TaskSummary task, string? agency, string? user)
    {
        if (task.State is TaskState.Completed or TaskState.Cancelled)
        {
            return BulkItemOutcome.Skipped("任务已办结或已取消", $"the task is already {task.State.ToString().ToLowerInvariant()}");
        }

        return (agency is null || agency == task.AgencyCode) && (user is null || user == task.AssigneeUser)
            ? BulkItemOutcome.Skipped("任务已在目标单位", "the task is already there")
            : null;
    }

    private string Whom(TaskSummary task, string? agency, string? user, CultureInfo culture)
    {
        var where = names.Agency(agency ?? task.AgencyCode, culture);
        return user is null ? where : $"{where} {names.User(user, culture)}";
    }

    private static (string? Agency, string? User) Read(JsonObject parameters) =>
        (BulkParameters.Text(parameters, "agency"), BulkParameters.Text(parameters, "user"));
}

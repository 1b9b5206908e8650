using AiPlusTasks.Engine.Audit;
using System.Globalization;
using System.Linq.Expressions;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Delegations;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The inbox and the task actions, always on behalf of a <see cref="Caller"/>. A caller sees its own agency's tasks
/// (NDRC staff and auditors see all); another agency's task is reported as not found. Every action is timestamped
/// and attributed in the task's history. Completing resumes the task's workflow on the chosen outcome in one burst.
/// A delegation in force (代理, <see cref="DelegationService"/>) puts the delegator's tasks in the substitute's "mine" view,
/// marked <see cref="TaskSummary.ActingFor"/>; what the substitute does on them is recorded as theirs, acting for the delegator.
/// </summary>
public sealed class TaskService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowRuntime runtime,
    TimeProvider time,
    IOptions<TaskOptions> options,
    IOptions<InputLimits> limits,
    BlueprintCache blueprints,
    WorkingCalendar calendar,
    IOptions<EngineOptions> engineOptions,
    AuditTrail audit,
    AgencyDirectory? agencies = null,
    DisplayNames? names = null,
    DelegationService? delegations = null)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);

    /// <summary>
    /// A task's summary as an expression, so the inbox query selects just these columns (not the schema, data and
    /// history texts of every row), and compiled for a row already loaded.
    /// </summary>
    private static readonly Expression<Func<TaskRecord, TaskSummary>> SummaryColumns = t => new TaskSummary(
        t.Id, t.Title, t.TitleEn, t.Kind, t.AgencyCode, t.LeadAgencyCode, t.Pillar, t.PlanId, t.State, t.Colour, t.Priority, t.DueAt,
        t.AssigneeUser, t.ClaimedBy, t.ReturnCount, t.EscalationLevel, t.CreatedAt, t.EscalationAction, null);

    private static readonly Func<TaskRecord, TaskSummary> Summary = SummaryColumns.Compile();

    private static readonly System.Reflection.ConstructorInfo CountedSummaryConstructor =
        typeof(CountedSummary).GetConstructor([typeof(TaskSummary), typeof(int)])!;

    /// <summary>Largest page of the inbox.</summary>
    public const int MaxPageSize = 200;

    /// <summary>One page of the caller's inbox.</summary>
    /// <exception cref="RequestValidationException">Unknown view or sort, or a page out of range; every problem is named.</exception>
    public async Task<Page<TaskSummary>> ListAsync(Caller caller, TaskQuery query, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.Page < 1)
        {
            errors["page"] = ["page must be 1 or more"];
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}"];
        }

        if (!TaskViews.Names.Contains(query.View))
        {
            errors["view"] = [$"view must be one of {string.Join(", ", TaskViews.Names)}"];
        }

        if (query.Sort is not ("due" or "priority"))
        {
            errors["sort"] = ["sort must be due or priority"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delegated = await DelegatedAsync(db, caller, cancellationToken);
        var tasks = Filter(Visible(db.Tasks.AsNoTracking(), caller, query.Agency), caller, query, delegated);
        var ordered = query.Sort == "priority"
            ? tasks.OrderBy(t => t.Priority).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id)
            : tasks.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Priority).ThenBy(t => t.Id);

        // One statement (the page, each row with the filter's total), not a count and then a page: half the connection
        // checkouts and query executions per inbox request. Only a page past the end needs the count on its own.
        var rows = await ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(WithTotal(tasks, delegated)).ToListAsync(cancellationToken);
        var total = rows.Count > 0 ? rows[0].Total : query.Page == 1 ? 0 : await tasks.CountAsync(cancellationToken);
        return new Page<TaskSummary>([.. rows.Select(r => r.Summary)], total, query.Page, query.PageSize);
    }

    /// <summary>
    /// The ids of the tasks the caller's inbox would list for <paramref name="query"/> (its view, filters and scope; its page
    /// ignored), in the inbox's due-date order, at most <paramref name="limit"/> of them: the selection of a bulk job.
    /// </summary>
    /// <exception cref="RequestValidationException">Unknown view (<c>view</c>).</exception>
    public async Task<IReadOnlyList<string>> SelectIdsAsync(Caller caller, TaskQuery query, int limit, CancellationToken cancellationToken = default)
    {
        if (!TaskViews.Names.Contains(query.View))
        {
            throw RequestValidationException.For("view", $"view must be one of {string.Join(", ", TaskViews.Names)}");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delegated = await DelegatedAsync(db, caller, cancellationToken);
        return await Filter(Visible(db.Tasks.AsNoTracking(), caller, query.Agency), caller, query, delegated)
            .OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Priority).ThenBy(t => t.Id)
            .Select(t => t.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A row of <see cref="SummaryColumns"/> with <c>tasks.Count()</c> beside it, which SQL computes once per statement, and
    /// <see cref="TaskSummary.ActingFor"/> from the caller's delegations in force (a <c>CASE</c> per delegation).
    /// </summary>
    private static Expression<Func<TaskRecord, CountedSummary>> WithTotal(IQueryable<TaskRecord> tasks, IReadOnlyList<DelegatedWork> delegated)
    {
        var count = Expression.Call(typeof(Queryable), nameof(Queryable.Count), [typeof(TaskRecord)], tasks.Expression);
        var summary = (NewExpression)SummaryColumns.Body;
        if (delegated.Count > 0)
        {
            var actingFor = TaskExpressions.Apply(DelegatedWork.ActingFor(delegated), SummaryColumns.Parameters[0]);
            summary = summary.Update([.. summary.Arguments.SkipLast(1), actingFor]);
        }

        return Expression.Lambda<Func<TaskRecord, CountedSummary>>(
            Expression.New(CountedSummaryConstructor, summary, count), SummaryColumns.Parameters);
    }

    /// <summary>The delegations in force for which the caller acts (none for agency systems and those who do not work on tasks).</summary>
    private async Task<IReadOnlyList<DelegatedWork>> DelegatedAsync(WorkflowDbContext db, Caller caller, CancellationToken cancellationToken) =>
        delegations is null || caller.IsSystem || !caller.CanAct ? [] : await delegations.InForceForAsync(db, caller.Name, cancellationToken);

    /// <summary>
    /// Whom the caller acts for on this task through a delegation in force: the delegator whose task it is, or null when
    /// the task is the caller's own (claimed by or assigned to them) or no delegation covers it.
    /// </summary>
    private async Task<string?> ActingForAsync(WorkflowDbContext db, Caller caller, TaskRecord task, CancellationToken cancellationToken)
    {
        if (task.ClaimedBy == caller.Name || (task.State == TaskState.Open && task.AssigneeUser == caller.Name))
        {
            return null;
        }

        var delegated = await DelegatedAsync(db, caller, cancellationToken);
        return delegated.FirstOrDefault(d => d.Covers().Compile()(task))?.FromUser;
    }

    /// <summary>
    /// Nobody reviews their own work through a delegation: acting for someone on a review, sign-off or verification step is
    /// refused when the caller themself submitted a step of the same case.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller acts for someone on such a step and submitted a step of the case.</exception>
    private static async Task RequireNotOwnWorkAsync(WorkflowDbContext db, Caller caller, TaskRecord task, string? actingFor, CancellationToken cancellationToken)
    {
        if (actingFor is null || task.Kind is not (StepKinds.Review or StepKinds.Signoff or StepKinds.Verification))
        {
            return;
        }

        if (await db.Tasks.AsNoTracking().AnyAsync(
            t => t.InstanceId == task.InstanceId && t.Outcome == TaskOutcomes.Submitted && t.CompletedBy == caller.Name, cancellationToken))
        {
            throw new ForbiddenException($"{caller.Name} submitted work of this case and may not {task.Kind} it for {actingFor}");
        }
    }

    /// <summary>A summary with the total of the query it came from.</summary>
    private sealed record CountedSummary(TaskSummary Summary, int Total);

    /// <summary>
    /// How many tasks each inbox view holds for the caller, within the inbox's agency and pillar filters when given
    /// (as <see cref="ListAsync"/> applies them: the agency only for callers who see every agency, the pillar with its items).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(
        Caller caller, string? agency = null, string? pillar = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One connection for the nine counts, not a checkout from the pool for each.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var visible = Visible(db.Tasks.AsNoTracking(), caller, agency);
        var delegated = await DelegatedAsync(db, caller, cancellationToken);
        var counts = new Dictionary<string, int>();
        foreach (var view in TaskViews.Names)
        {
            counts[view] = await Filter(visible, caller, new TaskQuery(view, pillar), delegated).CountAsync(cancellationToken);
        }

        return counts;
    }

    /// <summary>The supervision heatmap: a cell per pillar and agency with open or claimed work (NDRC and auditors only).</summary>
    /// <exception cref="ForbiddenException">The caller does not see all agencies.</exception>
    public async Task<IReadOnlyList<HeatmapCell>> HeatmapAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.SeesAllAgencies)
        {
            throw new ForbiddenException("the heatmap is for NDRC staff and auditors");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Tasks.AsNoTracking()
            .Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.Pillar != null)
            .GroupBy(t => new { t.Pillar, t.AgencyCode, t.Colour })
            .Select(g => new { g.Key.Pillar, g.Key.AgencyCode, g.Key.Colour, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts
            .GroupBy(c => (c.Pillar!, c.AgencyCode))
            .Select(g => HeatmapCell.From(g.Key.Item1, g.Key.AgencyCode, g.ToDictionary(c => c.Colour, c => c.Count)))
            .OrderBy(c => c.Pillar, StringComparer.Ordinal).ThenBy(c => c.AgencyCode, StringComparer.Ordinal)];
    }

    /// <summary>One task's inbox line, without its case: for a check that needs only its state and assignee (a bulk job's item).</summary>
    /// <exception cref="NotFoundException">No such task, or not the caller's to see.</exception>
    public async Task<TaskSummary> GetSummaryAsync(Caller caller, string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Summary(await FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken));
    }

    /// <summary>One task in full, with its case: the reports, timeline and steps of its workflow instance.</summary>
    /// <exception cref="NotFoundException">No such task, or not the caller's to see.</exception>
    public async Task<TaskView> GetAsync(Caller caller, string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken);

        // The case: every task of the instance. Whoever may see this task may see them (FindVisibleAsync is the one rule).
        var caseTasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == task.InstanceId)
            .Select(t => new CaseTask(t.Id, t.Kind, t.State, t.Outcome, t.CompletedBy, t.CompletedAt, t.CreatedAt, t.AgencyCode, t.ParentTaskId))
            .ToListAsync(cancellationToken);
        var ids = caseTasks.Select(t => t.Id).ToList();
        var kinds = caseTasks.ToDictionary(t => t.Id, t => t.Kind, StringComparer.Ordinal);
        var events = await db.TaskEvents.AsNoTracking().Where(e => ids.Contains(e.TaskId)).ToListAsync(cancellationToken);
        var reports = await db.ProgressReports.AsNoTracking().Where(r => ids.Contains(r.TaskId)).ToListAsync(cancellationToken);
        reports = [.. reports.OrderBy(r => r.ReportedAt).ThenBy(r => r.Id)];
        var timeline = events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new CaseHistoryEntry(e.TaskId, kinds[e.TaskId], e.Action, e.Actor, e.At, Parse(e.Data), e.ActingFor))
            .ToList();
        var lastSubmitted = caseTasks.Where(t => StepKinds.IsReport(t.Kind) && t.State == TaskState.Completed)
            .Select(t => reports.LastOrDefault(r => r.TaskId == t.Id)?.Id).OfType<long>().ToHashSet();
        var ownReports = reports.Where(r => r.TaskId == taskId).ToList();

        // A report step starts from the case's last report of its own line of work, not from a co-unit's part.
        var contributions = caseTasks.Where(t => t.ParentTaskId is not null).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var leadReports = reports.Where(r => !contributions.Contains(r.TaskId)).ToList();
        var prefill = task.Kind == StepKinds.Report
            ? (leadReports.Count > 0 ? ProgressReportData.From(leadReports[^1]) : null) ?? Parse(task.Prefill)
            : Parse(task.Prefill) ?? (ownReports.Count > 0 ? ProgressReportData.From(ownReports[^1]) : null);
        return new TaskView(
            Summary(task) with { ActingFor = await ActingForAsync(db, caller, task, cancellationToken) },
            task.Description,
            task.DescriptionEn,
            task.InstanceId,
            task.DefinitionId,
            task.ActivityId,
            task.CorrelationId,
            task.AssigneeRole,
            JsonSerializer.Deserialize<string[]>(task.Outcomes) ?? [],
            Parse(task.Schema),
            prefill,
            task.ReturnReason,
            task.Outcome,
            Parse(task.Result),
            task.CompletedBy,
            task.CompletedAt,
            [.. timeline.Where(e => e.TaskId == taskId).Select(e => new TaskHistoryEntry(e.Action, e.Actor, e.At, e.Data, e.ActingFor))],
            [.. reports.Select(r => ToView(r, taskId, lastSubmitted.Contains(r.Id)))],
            ReturnOf(task, caseTasks),
            timeline,
            await StepsAsync(db, task.InstanceId, caseTasks, cancellationToken),
            await EscalationService.ReadAsync(db, task, cancellationToken),
            await Reviews.ReviewService.OfInstanceAsync(db, task.InstanceId, cancellationToken),
            CoUnitsOf(taskId, caseTasks, reports),
            task.ParentTaskId is { } parentId
                ? await db.Tasks.AsNoTracking().Where(t => t.Id == parentId)
                    .Select(t => new ParentTaskView(t.Id, t.Title, t.TitleEn, t.AgencyCode, t.State)).SingleOrDefaultAsync(cancellationToken)
                : null);
    }

    /// <summary>The co-units' sub-tasks of a lead unit's task, each with its latest progress report (in the case's <paramref name="reports"/>, oldest first).</summary>
    private static List<CoUnitView> CoUnitsOf(string taskId, IReadOnlyList<CaseTask> caseTasks, IReadOnlyList<ProgressReportRecord> reports) =>
        [.. caseTasks.Where(t => t.ParentTaskId == taskId).OrderBy(t => t.AgencyCode, StringComparer.Ordinal).Select(t =>
        {
            var latest = reports.LastOrDefault(r => r.TaskId == t.Id);
            return new CoUnitView(
                t.Id, t.AgencyCode, t.State, t.CompletedBy ?? latest?.ReportedBy, t.CompletedAt ?? latest?.ReportedAt, latest?.ProgressPercent);
        })];

    /// <summary>
    /// An evidence file of the task's case, to anyone who may see the task: the file must belong to a progress report
    /// of the task's workflow instance (a file stored for another case is not found through this one).
    /// </summary>
    /// <exception cref="NotFoundException">No such task, not the caller's to see, or no report of its case holds the file.</exception>
    public async Task<EvidenceFile> GetEvidenceAsync(Caller caller, string taskId, string sha256, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken);
        var sha = sha256.ToLowerInvariant();
        var lists = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Evidence != null && r.Evidence.Contains(sha) && db.Tasks.Any(t => t.Id == r.TaskId && t.InstanceId == task.InstanceId))
            .Select(r => r.Evidence)
            .ToListAsync(cancellationToken);
        var entry = lists.SelectMany(ProgressReportData.ReadEvidence).FirstOrDefault(e => e.Sha256 == sha)
            ?? throw new NotFoundException($"task '{taskId}' has no evidence file {sha256}");
        var content = await db.EvidenceFiles.AsNoTracking().Where(f => f.Sha256 == sha).Select(f => f.Content).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"evidence file {sha256} is not stored");

        // Entries stored before names were cleaned and kinds allow-listed are handed out by the same rules: a listed kind
        // by its extension, anything else as opaque bytes whose name cannot open as a page or a program.
        var name = EvidenceFileName.Clean(entry.FileName) is { Length: > 0 } clean ? clean : sha;
        return EvidenceFileKinds.TryResolve(name, entry.ContentType, out var storedName, out var type)
            ? new EvidenceFile(storedName, type, content)
            : new EvidenceFile(name + ".bin", EvidenceFileKinds.Fallback, content);
    }

    /// <summary>The return that sent this step back: the last return or rejection of the case before the step was issued.</summary>
    private static CaseReturn? ReturnOf(TaskRecord task, IReadOnlyList<CaseTask> caseTasks)
    {
        if (task.ReturnReason is null)
        {
            return null;
        }

        var last = caseTasks
            .Where(t => t.Outcome is TaskOutcomes.Returned or TaskOutcomes.Rejected && t.CompletedAt <= task.CreatedAt && t.CompletedBy is not null)
            .MaxBy(t => t.CompletedAt);
        return last is null ? null : new CaseReturn(task.ReturnReason, last.CompletedBy!, last.CompletedAt!.Value, last.Kind);
    }

    /// <summary>
    /// The step indicator: the kinds of the definition's task-issuing activities (human tasks and joint reviews, whose
    /// reviewers' tasks are steps of the case alike; literal kinds), in case order. The anchor is the case's latest open
    /// task (else its latest task): kinds before it are done, its own is current while open.
    /// </summary>
    private async Task<IReadOnlyList<CaseStep>> StepsAsync(WorkflowDbContext db, string instanceId, IReadOnlyList<CaseTask> caseTasks, CancellationToken cancellationToken)
    {
        var versionId = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.DefinitionVersionId).SingleOrDefaultAsync(cancellationToken);
        if (versionId is null)
        {
            return [];
        }

        var definition = (await blueprints.GetAsync(versionId, cancellationToken)).Definition;
        var present = definition.AllActivities()
            .Where(a => a.Type is HumanTaskActivity.Type or Reviews.ReviewActivity.Type)
            .Select(a => a.GetInput("kind") is { } kind
                ? ExpressionEvaluator.ConstantValue(kind)?.ToString()
                : a.Type == HumanTaskActivity.Type ? StepKinds.Task : StepKinds.Review)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var steps = StepKinds.CaseOrder.Where(present.Contains).ToList();
        // Co-units' sub-tasks are parts of the lead's step, not steps of the case.
        var leadTasks = caseTasks.Where(t => t.ParentTaskId is null).ToList();
        var anchor = leadTasks.Where(t => t.State is TaskState.Open or TaskState.Claimed).MaxBy(t => t.CreatedAt)
            ?? leadTasks.MaxBy(t => t.CreatedAt);
        var at = anchor is null ? -1 : steps.IndexOf(anchor.Kind);
        var open = anchor?.State is TaskState.Open or TaskState.Claimed;
        return [.. steps.Select((kind, i) => new CaseStep(kind, i < at || (i == at && !open) ? CaseStepState.Done : i == at ? CaseStepState.Current : CaseStepState.Upcoming))];
    }

    /// <summary>Claims an open task for the caller (签收). People claim; agency systems report and complete unclaimed.</summary>
    /// <exception cref="ForbiddenException">The caller may not act on the task, or is an agency system.</exception>
    /// <exception cref="ConflictException">The task is not open.</exception>
    /// <remarks>Acting for someone through a delegation, the task is claimed in their name (it stays their work) and the history records both.</remarks>
    public Task<TaskView> ClaimAsync(Caller caller, string taskId, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, taskId, (task, now, actingFor) =>
        {
            RequireActor(caller, task, actingFor);
            caller.RequirePerson("claim tasks");
            if (task.State != TaskState.Open)
            {
                throw new ConflictException($"task '{taskId}' is {task.State}, not open");
            }

            task.State = TaskState.Claimed;
            task.ClaimedBy = actingFor ?? caller.Name;
            return ("Claimed", null, OutboxEventTypes.TaskClaimed);
        }, cancellationToken);

    /// <summary>Gives a claimed task back to the agency's pool (the claimer, the agency's lead or NDRC staff; not a system).</summary>
    /// <exception cref="ForbiddenException">The caller may not act on the task, did not claim it and is no lead, or is an agency system.</exception>
    /// <exception cref="ConflictException">The task is not claimed.</exception>
    public Task<TaskView> UnclaimAsync(Caller caller, string taskId, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, taskId, (task, now, actingFor) =>
        {
            RequireActor(caller, task, actingFor);
            caller.RequirePerson("give tasks back");
            if (task.State != TaskState.Claimed)
            {
                throw new ConflictException($"task '{taskId}' is {task.State}, not claimed");
            }

            if (task.ClaimedBy != caller.Name && task.ClaimedBy != actingFor && !caller.IsLead && !caller.IsNdrcStaff)
            {
                throw new ForbiddenException($"only {task.ClaimedBy} or a lead may give task '{taskId}' back");
            }

            task.State = TaskState.Open;
            task.ClaimedBy = null;
            return ("Unclaimed", null, null);
        }, cancellationToken);

    /// <summary>
    /// Reassigns an open or claimed task: to a user of the same agency (its lead, or NDRC staff), or to another
    /// agency (NDRC staff only). The task returns to the new assignee's pool unclaimed. The task is checked before the
    /// user: a task the caller does not see is 404 and one the caller may not reassign is 403 whatever user is named, and
    /// a user who is not of the task's (new) agency gets the same answer whether the name exists elsewhere or not, so the
    /// route tells nobody which user names exist.
    /// </summary>
    /// <exception cref="RequestValidationException">Neither agency nor user (<c>agency</c>), an agency not in the directory (<c>agency</c>), or no such user in the agency (<c>user</c>).</exception>
    /// <exception cref="NotFoundException">No such task the caller sees.</exception>
    /// <exception cref="ForbiddenException">The caller may not reassign the task (so far), or is an agency system.</exception>
    /// <exception cref="ConflictException">The task is completed or cancelled.</exception>
    public async Task<TaskView> ReassignAsync(Caller caller, string taskId, string? agency, string? user, CancellationToken cancellationToken = default)
    {
        await ApplyReassignmentAsync(caller, taskId, agency, user, cancellationToken);
        return await GetAsync(caller, taskId, cancellationToken);
    }

    /// <summary>
    /// <see cref="ReassignAsync"/> without reading the task's page afterwards: for a bulk job, which applies thousands and
    /// reads none of them back.
    /// </summary>
    internal Task ApplyReassignmentAsync(Caller caller, string taskId, string? agency, string? user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(agency) && string.IsNullOrWhiteSpace(user))
        {
            throw RequestValidationException.For("agency", "name a new agency, a user, or both");
        }

        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("agency", agency), ("user", user)])
        {
            if (value is { Length: > 0 } && value.Length > limits.Value.MaxNameLength)
            {
                throw RequestValidationException.For(field, $"{field} has at most {limits.Value.MaxNameLength} characters");
            }
        }

        // The agency directory is public (GET /api/agencies), so an unknown agency may be named before the task is checked.
        if (!string.IsNullOrWhiteSpace(agency) && agencies is not null && agencies.Find(agency) is null)
        {
            throw RequestValidationException.For("agency", $"unknown agency '{agency}'");
        }

        // A reassignment is the lead's own decision, never made for someone through a delegation.
        return ApplyChangeAsync(caller, taskId, actsFor: false, async (task, now, db, _) =>
        {
            caller.RequirePerson("reassign tasks");
            var toAgency = string.IsNullOrWhiteSpace(agency) ? task.AgencyCode : agency;
            var crossAgency = toAgency != task.AgencyCode;
            if (crossAgency ? !caller.IsNdrcStaff : !(caller.IsNdrcStaff || (caller.IsLead && caller.AgencyCode == task.AgencyCode)))
            {
                throw new ForbiddenException(crossAgency
                    ? "only NDRC planners and supervisors reassign across agencies"
                    : "only the agency's lead reassigns within the agency");
            }

            RequireOpen(task);
            if (!string.IsNullOrWhiteSpace(user)
                && !await db.Users.AsNoTracking().AnyAsync(u => u.Id == user && u.AgencyCode == toAgency, cancellationToken))
            {
                throw RequestValidationException.For("user", $"'{user}' is not a user of {toAgency}");
            }

            var data = new JsonObject { ["fromAgency"] = task.AgencyCode, ["fromUser"] = task.AssigneeUser, ["toAgency"] = toAgency, ["toUser"] = user };
            task.AgencyCode = toAgency;
            task.AssigneeUser = string.IsNullOrWhiteSpace(user) ? null : user;
            task.State = TaskState.Open;
            task.ClaimedBy = null;
            return ("Reassigned", data, OutboxEventTypes.TaskReassigned);
        }, cancellationToken);
    }

    /// <summary>Adds a comment to the task's history (people only: an agency system reports progress instead).</summary>
    public Task<TaskView> CommentAsync(Caller caller, string taskId, string text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw RequestValidationException.For("text", "a comment needs text");
        }

        if (text.Length > limits.Value.MaxTextLength)
        {
            throw RequestValidationException.For("text", $"a comment has at most {limits.Value.MaxTextLength} characters");
        }

        return ChangeAsync(caller, taskId, (task, now, _) =>
        {
            if (!caller.CanAct)
            {
                throw new ForbiddenException("auditors and administrators do not comment on tasks");
            }

            caller.RequirePerson("comment on tasks");
            return ("Commented", new JsonObject { ["text"] = text }, null);
        }, cancellationToken);
    }

    /// <summary>
    /// Appends a progress report with evidence (stored once per content, SHA-256 recorded) to an open task: an interim
    /// report. With <paramref name="submit"/>, the report step is submitted instead: the evidence is stored first, then the
    /// step completes with outcome <c>Submitted</c> and the report as its data, which records the report in the same burst.
    /// </summary>
    /// <remarks>Evidence files are checked and named as <see cref="StoreEvidenceAsync"/> says.</remarks>
    /// <exception cref="RequestValidationException">A field is out of range, a file is too large or of a kind not accepted, or <paramref name="submit"/> on a step that is not a report; every problem is named. A blank override reason is <c>coUnitOverride.reason</c>.</exception>
    /// <exception cref="ConflictException">Submitting while co-units have not reported, without <paramref name="coUnitOverride"/> (as <see cref="CompleteAsync"/>).</exception>
    public async Task<TaskView> ReportProgressAsync(
        Caller caller, string taskId, ProgressReportInput report, bool submit = false, CoUnitOverride? coUnitOverride = null, CancellationToken cancellationToken = default)
    {
        report = ValidateReport(report);
        if (submit)
        {
            CheckOverride(coUnitOverride);
            var files = await StoreEvidenceAsync(caller, taskId, report.Evidence, cancellationToken);
            return await CompleteAsync(caller, taskId, TaskOutcomes.Submitted, ProgressReportData.From(report, files), coUnitOverride, cancellationToken);
        }

        var evidence = report.Evidence.Select(f => (File: f, Sha: Convert.ToHexStringLower(SHA256.HashData(f.Content)))).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var task = await FindVisibleAsync(db, caller, taskId, tracked: true, cancellationToken);
        var actingFor = await ActingForAsync(db, caller, task, cancellationToken);
        RequireActor(caller, task, actingFor);
        RequireOpen(task);
        await RequireNotOwnWorkAsync(db, caller, task, actingFor, cancellationToken);
        var now = time.GetUtcNow();
        await AddFilesAsync(db, evidence.Select(e => (e.File.Content, e.Sha)), now, cancellationToken);
        var sequence = (await db.ProgressReports.Where(r => r.TaskId == taskId).MaxAsync(r => (int?)r.Sequence, cancellationToken) ?? 0) + 1;
        var record = ProgressReportData.ToRecord(
            ProgressReportData.From(report, evidence.Select(e => new EvidenceView(e.File.FileName, e.File.ContentType, e.File.Content.LongLength, e.Sha))),
            taskId, sequence, caller.Name, now);
        task.UpdatedAt = now;
        task.ConcurrencyVersion++;
        var rows = new TaskRows();
        rows.AddProgressReport(task, record, actingFor);
        rows.AddTo(db);
        await SaveAsync(db, taskId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await audit.RecordAsync(caller, AuditActions.TaskProgress, taskId, $"report {sequence}: {report.ProgressPercent}%", actingFor, cancellationToken: CancellationToken.None);
        return await GetAsync(caller, taskId, cancellationToken);
    }

    /// <summary>
    /// Stores evidence files for an open task the caller may act on, before the report that lists them is submitted.
    /// Files are kept by content (SHA-256): storing one twice keeps one copy, and a file no report lists is harmless.
    /// Each file's name is cleaned (<see cref="EvidenceFileName"/>), its kind must be on the allow-list and its content
    /// must start as that kind's does (<see cref="EvidenceFileKinds"/>); the kind's content type is recorded, not the
    /// declared one.
    /// </summary>
    /// <returns>The files as a report lists them (<c>{fileName, contentType, size, sha256}</c>, the cleaned name and the kind's type), in order.</returns>
    /// <exception cref="RequestValidationException">A file has no usable name (<c>evidence[i].fileName</c>), is of a kind not accepted (<c>evidence[i].contentType</c>), or is empty, too large or not what its kind says (<c>evidence[i].content</c>).</exception>
    public async Task<IReadOnlyList<EvidenceView>> StoreEvidenceAsync(Caller caller, string taskId, IReadOnlyList<EvidenceUpload> files, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        files = CheckFiles(files, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var stored = files.Select(f => new EvidenceView(f.FileName, f.ContentType, f.Content.LongLength, Convert.ToHexStringLower(SHA256.HashData(f.Content)))).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken);
        var actingFor = await ActingForAsync(db, caller, task, cancellationToken);
        RequireActor(caller, task, actingFor);
        RequireOpen(task);
        await AddFilesAsync(db, files.Select((f, i) => (f.Content, stored[i].Sha256)), time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(
            caller, AuditActions.TaskEvidence, taskId, string.Join("; ", stored.Select(f => $"{f.FileName} ({f.Size} bytes, sha256 {f.Sha256})")), actingFor,
            cancellationToken: CancellationToken.None);
        return stored;
    }

    private static async Task AddFilesAsync(WorkflowDbContext db, IEnumerable<(byte[] Content, string Sha)> files, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (content, sha) in files.DistinctBy(f => f.Sha))
        {
            if (!await db.EvidenceFiles.AnyAsync(f => f.Sha256 == sha, cancellationToken))
            {
                db.EvidenceFiles.Add(new EvidenceFileRecord { Sha256 = sha, Size = content.LongLength, Content = content, StoredAt = now });
            }
        }
    }

    /// <summary>
    /// Completes the task with an outcome and data (validated against the task's JSON Schema), resuming its workflow
    /// on that outcome port in the same transaction that marks the task completed. A lead unit's task with co-units
    /// (主办/协办) is submitted (<see cref="TaskOutcomes.Submitted"/>) only once every co-unit has reported, unless the
    /// lead unit's lead (or NDRC staff) overrides with a reason; the co-units' sub-tasks still open are then cancelled.
    /// </summary>
    /// <exception cref="RequestValidationException">Unknown outcome, data that does not match the schema (each error named by its JSON pointer), or an override without a reason (<c>coUnitOverride.reason</c>).</exception>
    /// <exception cref="ConflictException">The task is already completed or cancelled, or it is submitted while co-units have not reported and there is no override (the message names them).</exception>
    /// <exception cref="ForbiddenException">The caller may not complete the task, or overrides without being the lead unit's lead or NDRC staff.</exception>
    public async Task<TaskView> CompleteAsync(
        Caller caller, string taskId, string? outcome, JsonNode? data, CoUnitOverride? coUnitOverride = null, CancellationToken cancellationToken = default)
    {
        CheckOverride(coUnitOverride);
        TaskRecord task;
        string? actingFor;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            task = await FindVisibleAsync(db, caller, taskId, tracked: false, cancellationToken);
            actingFor = await ActingForAsync(db, caller, task, cancellationToken);
            RequireActor(caller, task, actingFor);
            RequireOpen(task);
            await RequireNotOwnWorkAsync(db, caller, task, actingFor, cancellationToken);
        }

        if (task.State == TaskState.Claimed && task.ClaimedBy != caller.Name && task.ClaimedBy != actingFor && !caller.IsLead && !caller.IsNdrcStaff)
        {
            throw new ForbiddenException($"task '{taskId}' is claimed by {task.ClaimedBy}");
        }

        var outcomes = JsonSerializer.Deserialize<string[]>(task.Outcomes) ?? [];
        if (string.IsNullOrWhiteSpace(outcome) || !outcomes.Contains(outcome))
        {
            throw RequestValidationException.For("outcome", $"outcome must be one of {string.Join(", ", outcomes)}");
        }

        var problems = TaskFormCheck.CheckSizes(data, limits.Value).ToList();
        if (problems.Any(p => p.Keyword == TaskFormCheck.NotUtf8))
        {
            // Nothing else can read the data's names.
            throw new RequestValidationException(TaskFormCheck.Errors(problems));
        }

        problems.AddRange(TaskFormCheck.Check(Parse(task.Schema), data));
        if (outcome is TaskOutcomes.Returned or TaskOutcomes.Rejected
            && !(data?["reason"] is JsonValue reason && reason.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)))
        {
            problems.Add(new TaskFormProblem("data/reason", "required", $"a reason is required to complete with {outcome}"));
        }

        if (StepKinds.IsReport(task.Kind))
        {
            data = await CheckEvidenceAsync(data, problems, cancellationToken);
        }

        if (problems.Count > 0)
        {
            throw new RequestValidationException(TaskFormCheck.Errors(problems));
        }

        var payload = new JsonObject { ["outcome"] = outcome, ["data"] = data?.DeepClone() };
        TaskEffects.AddActor(payload, caller.Name, actingFor);
        if (outcome == TaskOutcomes.Submitted && await PendingCoUnitsAsync(taskId, cancellationToken) is { Count: > 0 } pending)
        {
            if (coUnitOverride is null)
            {
                throw new ConflictException(
                    $"the co-units {string.Join(", ", pending.Select(a => names?.Agency(a, CultureInfo.InvariantCulture) is { Length: > 0 } name && name != a ? $"{name} ({a})" : a))} have not reported; " +
                    "wait for them, or submit with coUnitOverride and a reason");
            }

            if (!(caller.IsNdrcStaff || (caller.IsLead && caller.AgencyCode == task.AgencyCode)))
            {
                throw new ForbiddenException("only the lead unit's lead or NDRC staff may submit before the co-units have reported");
            }

            payload["coUnitOverride"] = new JsonObject { ["reason"] = coUnitOverride.Reason!.Trim() };
        }

        await runtime.ResumeAsync(task.BookmarkId, payload, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.TaskComplete, taskId, $"outcome: {outcome}", actingFor, cancellationToken: CancellationToken.None);
        return await GetAsync(caller, taskId, cancellationToken);
    }

    /// <summary>The agencies of the task's co-units that have not reported (their sub-tasks open or claimed), by code.</summary>
    public async Task<IReadOnlyList<string>> PendingCoUnitsAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Tasks.AsNoTracking()
            .Where(t => t.ParentTaskId == taskId && (t.State == TaskState.Open || t.State == TaskState.Claimed))
            .OrderBy(t => t.AgencyCode).Select(t => t.AgencyCode).ToListAsync(cancellationToken);
    }

    /// <summary>An override must say why, in at most <see cref="InputLimits.MaxTextLength"/> characters.</summary>
    private void CheckOverride(CoUnitOverride? coUnitOverride)
    {
        if (coUnitOverride is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(coUnitOverride.Reason))
        {
            throw RequestValidationException.For("coUnitOverride.reason", "submitting before the co-units have reported needs a reason");
        }

        if (coUnitOverride.Reason.Length > limits.Value.MaxTextLength)
        {
            throw RequestValidationException.For("coUnitOverride.reason", $"the reason has at most {limits.Value.MaxTextLength} characters");
        }
    }

    /// <summary>
    /// A report's evidence list must name stored files (uploaded first, or kept from an earlier report); each entry's size
    /// is taken from the store. Problems are named <c>data/evidence/i</c>.
    /// </summary>
    private async Task<JsonNode?> CheckEvidenceAsync(JsonNode? data, List<TaskFormProblem> problems, CancellationToken cancellationToken)
    {
        if (data?[ProgressReportData.EvidenceField] is not JsonArray list)
        {
            return data;
        }

        var entries = list.Select((e, i) => (Index: i, Sha: (e?["sha256"] as JsonValue)?.TryGetValue<string>(out var sha) == true ? sha.ToLowerInvariant() : null)).ToList();
        var shas = entries.Select(e => e.Sha).OfType<string>().Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sizes = await db.EvidenceFiles.AsNoTracking().Where(f => shas.Contains(f.Sha256)).Select(f => new { f.Sha256, f.Size }).ToDictionaryAsync(f => f.Sha256, f => f.Size, cancellationToken);
        if (entries.Count > limits.Value.MaxEvidenceFiles)
        {
            problems.Add(new TaskFormProblem($"data/{ProgressReportData.EvidenceField}", "maxItems", $"a report lists at most {limits.Value.MaxEvidenceFiles} evidence files"));
        }
        else if (entries.Select(e => e.Sha).OfType<string>().Distinct().Sum(sha => sizes.GetValueOrDefault(sha)) > limits.Value.MaxEvidenceBytesPerReport)
        {
            problems.Add(new TaskFormProblem($"data/{ProgressReportData.EvidenceField}", "maxBytes", $"a report's evidence files have at most {limits.Value.MaxEvidenceBytesPerReport} bytes together"));
        }

        var copy = data.DeepClone();
        foreach (var (index, sha) in entries)
        {
            if (sha is null || !sizes.TryGetValue(sha, out var size) || copy[ProgressReportData.EvidenceField]![index] is not JsonObject entry)
            {
                problems.Add(new TaskFormProblem($"data/evidence/{index}", "evidence", "an evidence entry must name a stored file by its sha256 (upload it first)"));
                continue;
            }

            var name = EvidenceFileName.Clean(Text(entry["fileName"])) is { Length: > 0 } clean ? clean : sha;
            if (!EvidenceFileKinds.TryResolve(name, Text(entry["contentType"]), out var storedName, out var type))
            {
                problems.Add(new TaskFormProblem($"data/evidence/{index}", "evidence", $"this kind of file is not accepted; accepted: {EvidenceFileKinds.Described}"));
                continue;
            }

            entry["sha256"] = sha;
            entry["size"] = size;
            entry["fileName"] = storedName;
            entry["contentType"] = type;
        }

        return copy;
    }

    /// <summary><see cref="ApplyChangeAsync"/> of a change that reads nothing and may act for someone, then the task's page.</summary>
    private async Task<TaskView> ChangeAsync(Caller caller, string taskId, Func<TaskRecord, DateTimeOffset, string?, (string Action, JsonObject? Data, string? EventType)> change, CancellationToken cancellationToken)
    {
        await ApplyChangeAsync(caller, taskId, actsFor: true, (task, now, _, actingFor) => Task.FromResult(change(task, now, actingFor)), cancellationToken);
        return await GetAsync(caller, taskId, cancellationToken);
    }

    /// <summary>
    /// Finds the task the caller sees (404 otherwise), applies the change (which may read the same context and refuse),
    /// records it in the history and the outbox, and saves; a concurrent change of the task is a 409. With
    /// <paramref name="actsFor"/>, the change is told whom the caller acts for through a delegation (null: nobody), and the
    /// history and event record both people.
    /// </summary>
    private async Task ApplyChangeAsync(
        Caller caller, string taskId, bool actsFor, Func<TaskRecord, DateTimeOffset, WorkflowDbContext, string?, Task<(string Action, JsonObject? Data, string? EventType)>> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var task = await FindVisibleAsync(db, caller, taskId, tracked: true, cancellationToken);
        var actingFor = actsFor ? await ActingForAsync(db, caller, task, cancellationToken) : null;
        await RequireNotOwnWorkAsync(db, caller, task, actingFor, cancellationToken);
        var now = time.GetUtcNow();
        var agencyBefore = task.AgencyCode;
        var (action, data, eventType) = await change(task, now, db, actingFor);
        task.UpdatedAt = now;
        task.ConcurrencyVersion++;
        var rows = new TaskRows();
        rows.AddHistory(taskId, action, caller.Name, now, data, actingFor);
        if (eventType is not null)
        {
            var payload = TaskEffects.EventData(task);
            TaskEffects.AddActor(payload, caller.Name, actingFor);
            rows.AddEvent(eventType, task.InstanceId, payload, now, agencyBefore, task.AgencyCode);
        }

        rows.AddTo(db);
        var audited = AuditActions.ForTaskHistory(action);
        if (audited is not null)
        {
            audit.AddTo(db, [AuditTrail.Of(caller, audited, taskId, data?.ToJsonString(), actingFor)]);
        }

        await SaveAsync(db, taskId, cancellationToken);
        if (audited is not null)
        {
            audit.Saved();
        }
    }

    /// <summary>Saves a task change; a concurrent change to the task is a <see cref="ConflictException"/>.</summary>
    internal static async Task SaveAsync(WorkflowDbContext db, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConflictException($"task '{taskId}' changed meanwhile; reload it and try again", e);
        }
    }

    /// <summary>
    /// The task if the caller may see it (the one visibility rule), else <see cref="NotFoundException"/>: its own agency's
    /// tasks, every task for NDRC staff and auditors, and the co-units' sub-tasks of its own agency's tasks (the lead unit
    /// follows its co-units' parts; acting on them stays the co-unit's, <see cref="RequireActor"/>).
    /// </summary>
    internal static async Task<TaskRecord> FindVisibleAsync(WorkflowDbContext db, Caller caller, string taskId, bool tracked, CancellationToken cancellationToken)
    {
        var tasks = tracked ? db.Tasks : db.Tasks.AsNoTracking();
        var task = await tasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return task is not null
            && (caller.SeesAllAgencies || task.AgencyCode == caller.AgencyCode
                || (task.ParentTaskId is { } parentId && await db.Tasks.AnyAsync(t => t.Id == parentId && t.AgencyCode == caller.AgencyCode, cancellationToken)))
            ? task
            : throw new NotFoundException($"task '{taskId}' does not exist");
    }

    /// <summary>The tasks the caller may see: all (optionally one agency's) for NDRC staff and auditors, else its own agency's.</summary>
    internal static IQueryable<TaskRecord> Visible(IQueryable<TaskRecord> tasks, Caller caller, string? agency)
    {
        if (!caller.SeesAllAgencies)
        {
            return tasks.Where(t => t.AgencyCode == caller.AgencyCode);
        }

        return string.IsNullOrWhiteSpace(agency) ? tasks : tasks.Where(t => t.AgencyCode == agency);
    }

    /// <summary>The tasks filed under a catalog code: the pillar (or item) itself or any item under it.</summary>
    internal static IQueryable<TaskRecord> InPillar(IQueryable<TaskRecord> tasks, string pillar) => tasks.Where(TaskExpressions.InPillar(pillar));

    /// <summary>The caller's own work: claimed by them, or open and assigned to them.</summary>
    private static Expression<Func<TaskRecord, bool>> Mine(Caller caller)
    {
        var name = caller.Name;
        return t => (t.State == TaskState.Claimed && t.ClaimedBy == name) || (t.State == TaskState.Open && t.AssigneeUser == name);
    }

    private IQueryable<TaskRecord> Filter(IQueryable<TaskRecord> tasks, Caller caller, TaskQuery query, IReadOnlyList<DelegatedWork> delegated)
    {
        var now = time.GetUtcNow();

        // "Due soon" counts working days: on a Friday, a task due at the end of next Tuesday is due within 3 days.
        var soon = calendar.Current.Shift(now, options.Value.BlueWithin, DayCount.Working, _timeZone);
        tasks = query.View switch
        {
            TaskViews.Mine => tasks.Where(delegated.Count == 0 ? Mine(caller) : TaskExpressions.Or(Mine(caller), DelegatedWork.AnyCovers(delegated))),
            TaskViews.Unclaimed => tasks.Where(t => t.State == TaskState.Open),
            TaskViews.DueSoon => tasks.Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.DueAt != null && t.DueAt >= now && t.DueAt <= soon),
            TaskViews.Overdue => tasks.Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.DueAt != null && t.DueAt < now),
            TaskViews.Returned => tasks.Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.ReturnCount > 0),
            TaskViews.Escalated => tasks.Where(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.EscalationLevel > 0),
            TaskViews.Completed => tasks.Where(t => t.State == TaskState.Completed),
            TaskViews.All => tasks,
            _ => tasks.Where(t => t.State == TaskState.Open || t.State == TaskState.Claimed),
        };
        if (!string.IsNullOrWhiteSpace(query.Pillar))
        {
            tasks = InPillar(tasks, query.Pillar);
        }

        if (!string.IsNullOrWhiteSpace(query.PlanId))
        {
            tasks = tasks.Where(t => t.PlanId == query.PlanId);
        }

        if (query.Colour is { } colour)
        {
            tasks = tasks.Where(t => t.Colour == colour);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            tasks = tasks.Where(t => t.Kind == query.Kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // Words match the texts in both languages and the names of the agency, the lead agency and the pillar in
            // both languages ("广东" and "Guangdong" both find guangdong's tasks).
            var text = query.Text.Trim();
            var agencyCodes = names?.AgenciesNamed(text) ?? [];
            var pillarCodes = names?.PillarsNamed(text) ?? [];
            tasks = tasks.Where(t =>
                t.Title.Contains(text)
                || (t.TitleEn != null && t.TitleEn.Contains(text))
                || (t.Description != null && t.Description.Contains(text))
                || (t.DescriptionEn != null && t.DescriptionEn.Contains(text))
                || agencyCodes.Contains(t.AgencyCode)
                || (t.LeadAgencyCode != null && agencyCodes.Contains(t.LeadAgencyCode))
                || (t.Pillar != null && pillarCodes.Contains(t.Pillar)));
        }

        // Times are stored in UTC and compared as stored, so filters are converted to UTC first.
        if (query.DueFrom is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            tasks = tasks.Where(t => t.DueAt >= fromUtc);
        }

        if (query.DueTo is { } to)
        {
            var toUtc = to.ToUniversalTime();
            tasks = tasks.Where(t => t.DueAt < toUtc);
        }

        return tasks;
    }

    /// <summary>Refuses a caller who may not work on the task; acting for its lead through a delegation opens a lead-only step.</summary>
    private static void RequireActor(Caller caller, TaskRecord task, string? actingFor)
    {
        if (!caller.CanAct)
        {
            throw new ForbiddenException("auditors and administrators do not work on tasks");
        }

        if (task.AgencyCode != caller.AgencyCode && !caller.IsNdrcStaff)
        {
            throw new ForbiddenException($"task '{task.Id}' belongs to {task.AgencyCode}");
        }

        if (task.AssigneeRole == "lead" && !caller.IsLead && !caller.IsNdrcStaff && actingFor is null)
        {
            throw new ForbiddenException($"task '{task.Id}' is for the agency's lead");
        }
    }

    private static void RequireOpen(TaskRecord task)
    {
        if (task.State is TaskState.Completed or TaskState.Cancelled)
        {
            throw new ConflictException($"task '{task.Id}' is already {task.State}");
        }
    }

    /// <summary>The report with its evidence files checked and named (<see cref="CheckFiles"/>).</summary>
    private ProgressReportInput ValidateReport(ProgressReportInput report)
    {
        var errors = new Dictionary<string, string[]>();
        if (report.ProgressPercent is < 0 or > 100)
        {
            errors["progressPercent"] = ["progressPercent must be between 0 and 100"];
        }

        if (report.Confidence is < 0 or > 10)
        {
            errors["confidence"] = ["confidence must be between 0 and 10"];
        }

        if (!Enum.IsDefined(report.SelfColour))
        {
            errors["selfColour"] = ["selfColour must be Green, Blue, Yellow or Red"];
        }

        var max = limits.Value.MaxTextLength;
        foreach (var (field, text) in (ReadOnlySpan<(string, string?)>)[("done", report.Done), ("next", report.Next), ("problems", report.Problems), ("supportNeeded", report.SupportNeeded)])
        {
            if (text is not null && text.Length > max)
            {
                errors[field] = [$"{field} has at most {max} characters"];
            }
        }

        if (report.IndicatorActuals is { } actuals && Encoding.UTF8.GetByteCount(actuals.ToJsonString()) > limits.Value.MaxDataBytes)
        {
            errors["indicatorActuals"] = [$"indicatorActuals has at most {limits.Value.MaxDataBytes} bytes of JSON"];
        }

        var files = CheckFiles(report.Evidence, errors);
        return errors.Count > 0 ? throw new RequestValidationException(errors) : report with { Evidence = files };
    }

    /// <summary>
    /// Evidence files of one upload or report, with cleaned names and their kind's content type: at most
    /// <see cref="InputLimits.MaxEvidenceFiles"/> files and <see cref="InputLimits.MaxEvidenceBytesPerReport"/> bytes together;
    /// a file without a usable name (at most <see cref="InputLimits.MaxNameLength"/> characters), of a kind not on the list,
    /// empty, larger than <see cref="InputLimits.MaxEvidenceFileBytes"/> or not starting as its kind does is an error under
    /// <c>evidence[i]…</c>.
    /// </summary>
    private List<EvidenceUpload> CheckFiles(IReadOnlyList<EvidenceUpload> files, Dictionary<string, string[]> errors)
    {
        var limit = limits.Value;
        if (files.Count > limit.MaxEvidenceFiles)
        {
            errors["evidence"] = [$"at most {limit.MaxEvidenceFiles} evidence files at once"];
        }
        else if (files.Sum(f => f.Content.LongLength) > limit.MaxEvidenceBytesPerReport)
        {
            errors["evidence"] = [$"evidence files have at most {limit.MaxEvidenceBytesPerReport} bytes together"];
        }

        var checkedFiles = new List<EvidenceUpload>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = file.FileName is { } given && given.Length <= limit.MaxNameLength ? EvidenceFileName.Clean(given) : "";
            var type = file.ContentType;
            if (name.Length == 0)
            {
                errors[$"evidence[{i}].fileName"] = [$"an evidence file needs a name of at most {limit.MaxNameLength} characters"];
            }
            else if (file.ContentType is { Length: > 0 } declared && declared.Length > limit.MaxNameLength)
            {
                errors[$"evidence[{i}].contentType"] = [$"a content type has at most {limit.MaxNameLength} characters"];
            }
            else if (!EvidenceFileKinds.TryResolve(name, file.ContentType, out name, out type))
            {
                errors[$"evidence[{i}].contentType"] = [$"this kind of file is not accepted; accepted: {EvidenceFileKinds.Described}"];
            }

            if (file.Content.LongLength == 0 || file.Content.LongLength > limit.MaxEvidenceFileBytes)
            {
                errors[$"evidence[{i}].content"] = [$"an evidence file must have 1 to {limit.MaxEvidenceFileBytes} bytes"];
            }
            else if (EvidenceFileKinds.ContentTypes.Contains(type) && !EvidenceFileKinds.Matches(type, file.Content))
            {
                errors[$"evidence[{i}].content"] = [$"the content is not a {Path.GetExtension(name).TrimStart('.').ToUpperInvariant()} file"];
            }

            checkedFiles.Add(file with { FileName = name, ContentType = type });
        }

        return checkedFiles;
    }

    /// <summary>Checks completion data against a task's JSON Schema (none: anything goes).</summary>
    /// <exception cref="RequestValidationException">The data does not match; errors keyed by JSON pointer (<c>data/field</c>).</exception>
    internal static void ValidateAgainstSchema(string? schemaText, JsonNode? data)
    {
        var problems = TaskFormCheck.Check(Parse(schemaText), data);
        if (problems.Count > 0)
        {
            throw new RequestValidationException(TaskFormCheck.Errors(problems));
        }
    }

    private static ProgressReportView ToView(ProgressReportRecord r, string viewedFrom, bool submitted) => new(
        r.Sequence, r.TaskId, submitted, r.ReportedBy, r.ReportedAt, r.Done, r.Next, r.Problems, r.SupportNeeded, r.ProgressPercent, Parse(r.IndicatorActuals), r.SelfColour, r.Confidence,
        [.. ProgressReportData.ReadEvidence(r.Evidence).Select(e => e with { DownloadUrl = $"/api/tasks/{Uri.EscapeDataString(viewedFrom)}/evidence/{e.Sha256}" })]);

    /// <summary>A task of the case, as the case's views need it.</summary>
    private sealed record CaseTask(
        string Id, string Kind, TaskState State, string? Outcome, string? CompletedBy, DateTimeOffset? CompletedAt, DateTimeOffset CreatedAt, string AgencyCode, string? ParentTaskId);

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

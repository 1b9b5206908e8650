using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// Bulk jobs (docs/decisions/029), always on behalf of a <see cref="Caller"/>: NDRC planners run every operation, NDRC
/// supervisors those on tasks; nobody else sees or makes jobs. A job's items are selected by the instance list's or the
/// inbox's rules and frozen when it is made; <see cref="BulkJobRunner"/> applies them in the background as the job's creator.
/// </summary>
public sealed class BulkJobService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    IEnumerable<IBulkOperation> operations,
    InstanceQueries instances,
    TaskService tasks,
    AuditTrail audit,
    BulkJobSignal signal,
    TimeProvider time)
{
    /// <summary>Most items one job takes; a filter that selects more is a 400 naming <c>filter</c>.</summary>
    public const int MaxItems = 100_000;

    /// <summary>
    /// Items the background runner claims and records together: large enough to spread a transaction's cost, small enough
    /// that a cancel stops soon and a dead node's claim holds little.
    /// </summary>
    public const int RunnerBatchSize = 25;

    /// <summary>Most items a preview shows.</summary>
    public const int MaxSample = 100;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Dictionary<string, IBulkOperation> _operations = operations.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The operations' names, in order.</summary>
    public IReadOnlyList<string> OperationNames => [.. _operations.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Each operation's name and what its items are, in the order registered (the page's choices).</summary>
    public IReadOnlyList<KeyValuePair<string, BulkTarget>> Operations => [.. _operations.Select(o => KeyValuePair.Create(o.Key, o.Value.Target))];

    /// <summary>How many items the request's filter selects now and what the operation would do to the first <paramref name="sample"/>, changing nothing.</summary>
    /// <exception cref="RequestValidationException">Unknown operation, a bad filter or parameters, each named.</exception>
    /// <exception cref="ForbiddenException">The caller may not run the operation.</exception>
    public async Task<BulkPreview> PreviewAsync(Caller caller, BulkJobRequest request, int sample = 20, CancellationToken cancellationToken = default)
    {
        if (sample is < 1 or > MaxSample)
        {
            throw RequestValidationException.For("sample", $"sample must be between 1 and {MaxSample}");
        }

        var (operation, parameters) = Check(caller, request);
        var ids = await SelectAsync(caller, operation.Target, request.Filter!, cancellationToken);
        var shown = ids.Take(sample).ToList();
        var labels = await LabelsAsync(operation.Target, shown, cancellationToken);
        var items = new List<BulkPreviewItem>(shown.Count);
        foreach (var id in shown)
        {
            var outcome = await operation.PreviewAsync(caller, id, parameters, cancellationToken);
            items.Add(new BulkPreviewItem(id, labels.GetValueOrDefault(id, new BulkText(id, id)), outcome.Status, outcome.Reason));
        }

        return new BulkPreview(operation.Target, ids.Count, items);
    }

    /// <summary>
    /// Makes a job: selects the items again, freezes them in the job's order, and wakes the runner. The selection must
    /// still be near the preview's count (<see cref="BulkJobRequest.ExpectedCount"/>).
    /// </summary>
    /// <exception cref="RequestValidationException">As for the preview; <c>expectedCount</c> missing; a filter that selects nothing.</exception>
    /// <exception cref="ForbiddenException">The caller may not run the operation.</exception>
    /// <exception cref="ConflictException">The selection changed by more than a tenth since the preview.</exception>
    public async Task<BulkJobView> CreateAsync(Caller caller, BulkJobRequest request, CancellationToken cancellationToken = default)
    {
        var (operation, parameters) = Check(caller, request);
        if (request.ExpectedCount is not { } expected || expected < 0)
        {
            throw RequestValidationException.For("expectedCount", "expectedCount (the preview's count) is required");
        }

        var ids = await SelectAsync(caller, operation.Target, request.Filter!, cancellationToken);
        if (ids.Count == 0)
        {
            throw RequestValidationException.For("filter", "the filter selects nothing");
        }

        if (Math.Abs(ids.Count - expected) > Math.Max(1, expected / 10))
        {
            throw new ConflictException($"the filter now selects {ids.Count} items, not the {expected} of the preview; preview again");
        }

        var now = time.GetUtcNow();
        var job = new BulkJobRecord
        {
            Id = "bulk_" + Guid.NewGuid().ToString("N"),
            Operation = operation.Name,
            Target = operation.Target,
            Filter = JsonSerializer.Serialize(request.Filter, Json),
            Parameters = parameters.ToJsonString(),
            CreatedBy = caller.Name,
            CreatedByAgency = caller.AgencyCode,
            CreatedByRoles = string.Join(' ', caller.Roles.Order(StringComparer.Ordinal)),
            Status = BulkJobStatus.Running,
            Total = ids.Count,
            CreatedAt = now,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.BulkJobs.Add(job);
            db.BulkJobItems.AddRange(ids.Select((id, i) => new BulkJobItemRecord { JobId = job.Id, Sequence = i + 1, ItemId = id }));
            await db.SaveChangesAsync(cancellationToken);
        }

        await audit.RecordAsync(caller, AuditActions.BulkJobCreate, job.Id, $"{operation.Name} on {ids.Count} {operation.Target}: {job.Parameters}", cancellationToken: cancellationToken);
        signal.Notify();
        return View(job);
    }

    /// <summary>One page of jobs, newest first.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor.</exception>
    public async Task<Page<BulkJobView>> ListAsync(Caller caller, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RequireBulkUser(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var jobs = db.BulkJobs.AsNoTracking();
        var total = await jobs.CountAsync(cancellationToken);
        var rows = await jobs.OrderByDescending(j => j.CreatedAt).ThenBy(j => j.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<BulkJobView>([.. rows.Select(View)], total, page, pageSize);
    }

    /// <summary>A job and its progress.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor.</exception>
    /// <exception cref="NotFoundException">No such job.</exception>
    public async Task<BulkJobView> GetAsync(Caller caller, string jobId, CancellationToken cancellationToken = default)
    {
        RequireBulkUser(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return View(await FindAsync(db, jobId, tracked: false, cancellationToken));
    }

    /// <summary>One page of a job's report, in the job's order; <paramref name="status"/> keeps the items of one outcome.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner or supervisor.</exception>
    /// <exception cref="NotFoundException">No such job.</exception>
    public async Task<Page<BulkJobItemView>> ItemsAsync(Caller caller, string jobId, BulkItemStatus? status, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RequireBulkUser(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await FindAsync(db, jobId, tracked: false, cancellationToken);
        var items = db.BulkJobItems.AsNoTracking().Where(i => i.JobId == jobId);
        if (status is { } wanted)
        {
            items = items.Where(i => i.Status == wanted);
        }

        var total = await items.CountAsync(cancellationToken);
        var rows = await items.OrderBy(i => i.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<BulkJobItemView>(
            [.. rows.Select(i => new BulkJobItemView(i.Sequence, i.ItemId, i.Status, i.ReasonZh is null ? null : new BulkText(i.ReasonZh, i.ReasonEn ?? i.ReasonZh), i.DoneAt))],
            total,
            page,
            pageSize);
    }

    /// <summary>
    /// Stops a running job: no item is started after this (an item being applied at this moment still completes and is
    /// reported); the items not applied stay as they are and keep no outcome. Event <c>bulk_job.finished</c> with status Cancelled.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller may not run the job's operation.</exception>
    /// <exception cref="NotFoundException">No such job.</exception>
    /// <exception cref="ConflictException">The job already finished or was cancelled.</exception>
    public async Task<BulkJobView> CancelAsync(Caller caller, string jobId, CancellationToken cancellationToken = default)
    {
        RequireBulkUser(caller);
        BulkJobRecord job;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            job = await FindAsync(db, jobId, tracked: false, cancellationToken);
            RequireMayRun(caller, job.Target);
            var now = time.GetUtcNow();

            // Conditional, so that a cancel and the runner's finish never both end the job (nor both send its event).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.BulkJobs.Where(j => j.Id == jobId && j.Status == BulkJobStatus.Running).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Status, BulkJobStatus.Cancelled).SetProperty(j => j.CancelledBy, caller.Name).SetProperty(j => j.FinishedAt, now),
                cancellationToken);
            if (changed == 0)
            {
                throw new ConflictException($"bulk job '{jobId}' is already {(await FindAsync(db, jobId, tracked: false, cancellationToken)).Status}");
            }

            job = await FindAsync(db, jobId, tracked: false, cancellationToken);
            db.Outbox.Add(FinishedEvent(job, now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await audit.RecordAsync(caller, AuditActions.BulkJobStop, jobId, $"after {job.Succeeded + job.Skipped + job.Failed} of {job.Total}", cancellationToken: cancellationToken);
        return View(job);
    }

    /// <summary>The operation of a job, for the runner.</summary>
    internal IBulkOperation? Find(string name) => _operations.GetValueOrDefault(name);

    /// <summary>The <c>bulk_job.finished</c> event of a job that finished or was cancelled (to NDRC only).</summary>
    internal static OutboxRecord FinishedEvent(BulkJobRecord job, DateTimeOffset now) => OutboxEvents.Create(
        OutboxEventTypes.BulkJobFinished,
        null,
        new JsonObject
        {
            ["jobId"] = job.Id,
            ["operation"] = job.Operation,
            ["status"] = job.Status.ToString(),
            ["total"] = job.Total,
            ["succeeded"] = job.Succeeded,
            ["skipped"] = job.Skipped,
            ["failed"] = job.Failed,
            ["createdBy"] = job.CreatedBy,
        },
        now);

    internal static BulkJobView View(BulkJobRecord job) => new(
        job.Id,
        job.Operation,
        job.Target,
        job.Status,
        job.Total,
        job.Succeeded + job.Skipped + job.Failed,
        job.Succeeded,
        job.Skipped,
        job.Failed,
        JsonSerializer.Deserialize<BulkFilter>(job.Filter, Json) ?? new BulkFilter(),
        JsonNode.Parse(job.Parameters) as JsonObject ?? [],
        job.CreatedBy,
        job.CreatedAt,
        job.FinishedAt,
        job.CancelledBy);

    /// <summary>NDRC planners and supervisors work with bulk jobs; everyone else is refused.</summary>
    private static void RequireBulkUser(Caller caller)
    {
        if (!caller.IsNdrcStaff)
        {
            throw new ForbiddenException("only NDRC planners and supervisors use bulk jobs");
        }
    }

    /// <summary>NDRC planners run every operation; NDRC supervisors only those on tasks (docs/security.md).</summary>
    private static void RequireMayRun(Caller caller, BulkTarget target)
    {
        RequireBulkUser(caller);
        if (target == BulkTarget.Instances && !caller.IsNdrcPlanner)
        {
            throw new ForbiddenException("only NDRC planners run bulk jobs on workflow instances");
        }
    }

    private (IBulkOperation Operation, JsonObject Parameters) Check(Caller caller, BulkJobRequest request)
    {
        RequireBulkUser(caller);
        if (string.IsNullOrWhiteSpace(request.Operation))
        {
            throw RequestValidationException.For("operation", $"operation is required: one of {string.Join(", ", OperationNames)}");
        }

        if (!_operations.TryGetValue(request.Operation, out var operation))
        {
            throw RequestValidationException.For("operation", $"unknown operation '{request.Operation}': one of {string.Join(", ", OperationNames)}");
        }

        if (request.Filter is null)
        {
            throw RequestValidationException.For("filter", "filter is required (an empty object selects everything the caller sees)");
        }

        if (operation.Target == BulkTarget.Tasks && request.Filter.View is { } view && !TaskViews.Names.Contains(view))
        {
            throw RequestValidationException.For("filter.view", $"view must be one of {string.Join(", ", TaskViews.Names)}");
        }

        if (request.Filter.Version is < 1)
        {
            throw RequestValidationException.For("filter.version", "version must be 1 or more");
        }

        RequireMayRun(caller, operation.Target);
        var parameters = request.Parameters ?? [];
        operation.Validate(caller, parameters);
        return (operation, parameters);
    }

    /// <summary>The items the filter selects for the caller, in the job's order (the instance list's or the inbox's rules).</summary>
    private async Task<IReadOnlyList<string>> SelectAsync(Caller caller, BulkTarget target, BulkFilter filter, CancellationToken cancellationToken)
    {
        var ids = target == BulkTarget.Instances
            ? await instances.SelectIdsAsync(
                new InstanceQuery(filter.DefinitionId, filter.Status, Version: filter.Version, Agency: filter.Agency, PlanId: filter.PlanId, Pillar: filter.Pillar, CreatedFrom: filter.CreatedFrom, CreatedTo: filter.CreatedTo),
                MaxItems + 1,
                cancellationToken)
            : await tasks.SelectIdsAsync(
                caller,
                new TaskQuery(filter.View ?? TaskViews.Open, filter.Pillar, filter.PlanId, DueFrom: filter.DueFrom, DueTo: filter.DueTo, Agency: filter.Agency, Colour: filter.Colour, Kind: filter.Kind),
                MaxItems + 1,
                cancellationToken);
        return ids.Count > MaxItems
            ? throw RequestValidationException.For("filter", $"the filter selects more than {MaxItems.ToString(CultureInfo.InvariantCulture)} items; narrow it")
            : ids;
    }

    /// <summary>What people call the items: a task's title, an instance's workflow name.</summary>
    private async Task<Dictionary<string, BulkText>> LabelsAsync(BulkTarget target, List<string> ids, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (target == BulkTarget.Tasks)
        {
            return await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id))
                .ToDictionaryAsync(t => t.Id, t => new BulkText(t.Title, t.TitleEn ?? t.Title), cancellationToken);
        }

        var rows = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToListAsync(cancellationToken);
        var definitionIds = rows.Select(r => r.DefinitionId).Distinct().ToList();
        var names = await db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.DefinitionId))
            .Select(d => new { d.DefinitionId, d.Version, d.Name }).ToListAsync(cancellationToken);
        return rows.ToDictionary(
            r => r.Id,
            r =>
            {
                var name = names.FirstOrDefault(n => n.DefinitionId == r.DefinitionId && n.Version == r.DefinitionVersion)?.Name ?? r.DefinitionId;
                return new BulkText($"{name}（第 {r.DefinitionVersion} 版）", $"{name} (version {r.DefinitionVersion})");
            });
    }

    private static async Task<BulkJobRecord> FindAsync(WorkflowDbContext db, string jobId, bool tracked, CancellationToken cancellationToken)
    {
        var jobs = tracked ? db.BulkJobs : db.BulkJobs.AsNoTracking();
        return await jobs.SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken)
            ?? throw new NotFoundException($"bulk job '{jobId}' does not exist");
    }
}

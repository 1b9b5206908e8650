using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>Reads instances, their journals and the definitions they run; authorizes nothing (the <see cref="WorkflowRuntime"/> front door does).</summary>
public sealed class InstanceQueries(IDbContextFactory<WorkflowDbContext> dbFactory, RuntimeReads reads)
{
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="GoneException">Retention archived the instance.</exception>
    public async Task<InstanceView> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await reads.InstanceAsync(instanceId, cancellationToken) ?? throw await MissingAsync(instanceId, cancellationToken);
        return View(record, WorkflowStateJson.Deserialize(record.State));
    }

    private async Task<Exception> MissingAsync(string instanceId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RetentionService.MissingInstanceAsync(db, instanceId, cancellationToken);
    }

    /// <summary>The view of an instance with the given row and state.</summary>
    internal static InstanceView View(WorkflowInstanceRecord record, WorkflowState state) =>
        new(
            record.Id,
            record.DefinitionId,
            record.DefinitionVersion,
            record.Status,
            record.CorrelationId,
            record.ParentInstanceId,
            state.Input,
            state.Variables,
            state.Output,
            state.Incidents,
            [.. state.Contexts.Values.SelectMany(c => c.Bookmarks)],
            record.CreatedAt,
            record.UpdatedAt,
            record.FinishedAt);

    /// <summary>One page (1-based) of an instance's journal, in order.</summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="GoneException">Retention archived the instance (its journal is in the archive file).</exception>
    public async Task<Page<JournalEntry>> GetJournalAsync(string instanceId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Instances.AnyAsync(i => i.Id == instanceId, cancellationToken))
        {
            throw await RetentionService.MissingInstanceAsync(db, instanceId, cancellationToken);
        }

        var entries = db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderBy(j => j.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<JournalEntry>(
            [.. rows.Select(j => new JournalEntry(j.Sequence, j.ActivityId, j.ActivityType, j.Event, j.StartedAt, j.CompletedAt, j.Outcomes?.Split(','), j.Message))],
            total,
            page,
            pageSize);
    }

    /// <summary>One page (1-based) of instances, newest first, each with its input's title and who started it.</summary>
    public async Task<Page<InstanceSummary>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var instances = Filter(db, query);
        var total = await instances.CountAsync(cancellationToken);
        var rows = await instances.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        var ids = rows.Select(i => i.Id).ToList();
        var starters = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == Audit.AuditActions.WorkflowStart && a.Target != null && ids.Contains(a.Target))
            .Select(a => new { a.Target, a.Actor })
            .ToListAsync(cancellationToken);
        var startedBy = starters.GroupBy(a => a.Target!).ToDictionary(g => g.Key, g => g.First().Actor);
        return new Page<InstanceSummary>(
            [.. rows.Select(i => new InstanceSummary(
                i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.ParentInstanceId, i.CreatedAt, i.UpdatedAt, i.FinishedAt,
                InputText(WorkflowStateJson.Deserialize(i.State), "title"), startedBy.GetValueOrDefault(i.Id)))],
            total,
            query.Page,
            query.PageSize);
    }

    /// <summary>
    /// The instances an instance started (fan-out children and child workflows), oldest first, each with the agency it
    /// works for (its input's <c>agency</c>, else its tasks'), its latest task's state and colour, and the percent of
    /// its latest progress report.
    /// </summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="GoneException">Retention archived the instance.</exception>
    public async Task<IReadOnlyList<ChildInstanceSummary>> ChildrenAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Instances.AnyAsync(i => i.Id == instanceId, cancellationToken))
        {
            throw await RetentionService.MissingInstanceAsync(db, instanceId, cancellationToken);
        }

        var children = await db.Instances.AsNoTracking().Where(i => i.ParentInstanceId == instanceId)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
            .ToListAsync(cancellationToken);
        var childIds = children.Select(c => c.Id).ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => childIds.Contains(t.InstanceId))
            .Select(t => new { t.Id, t.InstanceId, t.AgencyCode, t.State, t.Colour, t.CreatedAt })
            .ToListAsync(cancellationToken);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var reports = await db.ProgressReports.AsNoTracking().Where(r => taskIds.Contains(r.TaskId))
            .Select(r => new { r.TaskId, r.ReportedAt, r.Sequence, r.ProgressPercent })
            .ToListAsync(cancellationToken);
        return [.. children.Select(child =>
        {
            var own = tasks.Where(t => t.InstanceId == child.Id).ToList();
            var latestTask = own.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id, StringComparer.Ordinal).FirstOrDefault();
            var latestReport = reports.Where(r => own.Any(t => t.Id == r.TaskId))
                .OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Sequence).FirstOrDefault();
            return new ChildInstanceSummary(
                child.Id,
                child.DefinitionId,
                child.Status,
                InputText(WorkflowStateJson.Deserialize(child.State), "agency") ?? latestTask?.AgencyCode,
                latestTask?.State,
                latestTask?.Colour,
                latestReport?.ProgressPercent,
                latestReport?.ReportedAt);
        })];
    }

    private static string? InputText(WorkflowState state, string name) =>
        state.Input[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>
    /// The ids of the instances <paramref name="query"/> selects (its page ignored), oldest first, at most
    /// <paramref name="limit"/> of them: the selection of a bulk job.
    /// </summary>
    public async Task<IReadOnlyList<string>> SelectIdsAsync(InstanceQuery query, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Filter(db, query).OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => i.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>The one rule of which instances a query selects.</summary>
    private static IQueryable<WorkflowInstanceRecord> Filter(WorkflowDbContext db, InstanceQuery query)
    {
        var instances = db.Instances.AsNoTracking();
        if (query.DefinitionId is not null)
        {
            instances = instances.Where(i => i.DefinitionId == query.DefinitionId);
        }

        if (query.Version is { } version)
        {
            instances = instances.Where(i => i.DefinitionVersion == version);
        }

        if (query.Status is { } status)
        {
            instances = instances.Where(i => i.Status == status);
        }

        if (query.CorrelationId is not null)
        {
            instances = instances.Where(i => i.CorrelationId == query.CorrelationId);
        }

        // Agency, plan and pillar are the instance's tasks' (the same columns the inbox filters on).
        if (!string.IsNullOrWhiteSpace(query.Agency) || !string.IsNullOrWhiteSpace(query.PlanId) || !string.IsNullOrWhiteSpace(query.Pillar))
        {
            var tasks = db.Tasks.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Agency))
            {
                tasks = tasks.Where(t => t.AgencyCode == query.Agency || t.LeadAgencyCode == query.Agency);
            }

            if (!string.IsNullOrWhiteSpace(query.PlanId))
            {
                tasks = tasks.Where(t => t.PlanId == query.PlanId);
            }

            if (!string.IsNullOrWhiteSpace(query.Pillar))
            {
                tasks = tasks.Where(Tasks.TaskExpressions.InPillar(query.Pillar));
            }

            instances = instances.Where(i => tasks.Any(t => t.InstanceId == i.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var titled = db.Tasks.AsNoTracking().Where(t => t.Title.Contains(text) || (t.TitleEn != null && t.TitleEn.Contains(text)));
            instances = instances.Where(i => i.Id.Contains(text)
                || (i.CorrelationId != null && i.CorrelationId.Contains(text))
                || titled.Any(t => t.InstanceId == i.Id));
        }

        if (query.CreatedFrom is { } from)
        {
            var fromUtc = from.ToUniversalTime();
            instances = instances.Where(i => i.CreatedAt >= fromUtc);
        }

        if (query.CreatedTo is { } to)
        {
            var toUtc = to.ToUniversalTime();
            instances = instances.Where(i => i.CreatedAt < toUtc);
        }

        return instances;
    }

    /// <summary>The definition version an instance runs.</summary>
    /// <exception cref="NotFoundException">No such instance, or its version is gone.</exception>
    public async Task<WorkflowDefinition> GetDefinitionOfAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var instance = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => new { i.DefinitionId, i.DefinitionVersion }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        var json = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == instance.DefinitionId && d.Version == instance.DefinitionVersion)
            .Select(d => d.Json)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"workflow definition '{instance.DefinitionId}' has no version {instance.DefinitionVersion}");
        return WorkflowDefinitionJson.Read(json, $"workflow definition '{instance.DefinitionId}'");
    }
}

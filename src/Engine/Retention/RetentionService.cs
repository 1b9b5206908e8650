using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Idempotency;
using AiPlusTasks.Engine.Notifications;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Webhooks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Retention;

/// <summary>
/// Prunes what is no longer needed and archives finished instances (README, "Retention"), by the limits of
/// <see cref="RetentionOptions"/>, counted back from the run's start. Every delete is set-based and takes at most
/// <see cref="RetentionOptions.BatchSize"/> rows per transaction, so no run holds a long transaction. One run at a time:
/// in this process, and across nodes by a cluster lock (PostgreSQL). Each run logs its numbers and writes one audit line.
/// </summary>
public sealed class RetentionService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    ClusterLock clusterLock,
    TimeProvider time,
    IOptionsMonitor<RetentionOptions> options,
    IHostEnvironment environment,
    AuditTrail audit,
    ILogger<RetentionService> logger) : IDisposable
{
    /// <summary>The actor of scheduled runs on the audit trail: what the engine does by itself.</summary>
    public const string SystemActor = AuditTrail.SystemActor;

    private readonly SemaphoreSlim _oneRun = new(1, 1);

    /// <summary>A run asked for by an operator: NDRC administrators only.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC administrator.</exception>
    public Task<RetentionReport> RunAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdministrator)
        {
            throw new ForbiddenException("only NDRC administrators run retention");
        }

        return RunAsync(report => AuditTrail.Of(caller, AuditActions.RetentionRun, report.ArchiveFile, Detail(report)), cancellationToken);
    }

    /// <summary>The scheduled run, on the engine's own behalf (<see cref="SystemActor"/>).</summary>
    public Task<RetentionReport> RunScheduledAsync(CancellationToken cancellationToken = default) =>
        RunAsync(report => new AuditEntry(AuditActions.RetentionRun, SystemActor, report.ArchiveFile, AuditOutcomes.Succeeded, Detail: Detail(report)), cancellationToken);

    /// <summary>One run, recorded on the audit trail as <paramref name="line"/> says; waits for a run already going.</summary>
    private async Task<RetentionReport> RunAsync(Func<RetentionReport, AuditEntry> line, CancellationToken cancellationToken)
    {
        await _oneRun.WaitAsync(cancellationToken);
        try
        {
            await using var held = await clusterLock.AcquireAsync("retention", cancellationToken);
            var report = await RunOnceAsync(cancellationToken);
            logger.LogInformation(
                "retention: {Outbox:N0} outbox rows, {Deliveries:N0} webhook deliveries, {Idempotency:N0} idempotency records, {Notifications:N0} notifications pruned; {Instances:N0} instances archived to {ArchiveFile}",
                report.OutboxEvents, report.WebhookDeliveries, report.IdempotencyRecords, report.Notifications, report.ArchivedInstances, report.ArchiveFile ?? "(none)");
            await audit.RecordAsync(line(report), CancellationToken.None);
            return report;
        }
        finally
        {
            _oneRun.Release();
        }
    }

    private static string Detail(RetentionReport report) => JsonSerializer.Serialize(report, InstanceArchive.Json);

    /// <inheritdoc />
    public void Dispose() => _oneRun.Dispose();

    private async Task<RetentionReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var batch = settings.BatchSize;

        var outbox = 0;
        if (settings.Outbox.Enabled)
        {
            var cutoff = now - settings.Outbox.KeepFor;
            outbox = await DeleteInBatchesAsync(
                db => db.Outbox.Where(o => o.DispatchedAt != null && o.DispatchedAt <= cutoff && o.NotifiedAt != null && o.NotifiedAt <= cutoff).OrderBy(o => o.Position).Take(batch),
                batch,
                cancellationToken);
        }

        var deliveries = 0;
        if (settings.WebhookDeliveries.Enabled)
        {
            var cutoff = now - settings.WebhookDeliveries.KeepFor;
            deliveries = await DeleteInBatchesAsync(
                db => db.WebhookDeliveries
                    .Where(d => d.State != WebhookDeliveryState.Pending && (d.DeliveredAt ?? d.LastAttemptAt ?? d.CreatedAt) <= cutoff)
                    .OrderBy(d => d.Id).Take(batch),
                batch,
                cancellationToken);
        }

        var idempotency = 0;
        if (settings.IdempotencyKeys.Enabled)
        {
            var cutoff = now - IdempotencyStore.Retention - settings.IdempotencyKeys.KeepFor;
            idempotency = await DeleteInBatchesAsync(db => db.IdempotencyKeys.Where(r => r.CreatedAt <= cutoff).OrderBy(r => r.Id).Take(batch), batch, cancellationToken);
        }

        var notifications = settings.Notifications.Enabled ? await PruneNotificationsAsync(settings, now, cancellationToken) : 0;
        var (archived, file) = settings.Instances.Enabled ? await ArchiveInstancesAsync(settings, now, cancellationToken) : (0, null);
        return new RetentionReport(outbox, deliveries, idempotency, notifications, archived, file, now, time.GetUtcNow());
    }

    private async Task<int> DeleteInBatchesAsync<T>(Func<WorkflowDbContext, IQueryable<T>> nextBatch, int batch, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var deleted = await nextBatch(db).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batch)
            {
                return total;
            }
        }
    }

    /// <summary>Read ones past their limit and any past the unread limit, none with an e-mail or SMS still to send; their deliveries go with them.</summary>
    private async Task<int> PruneNotificationsAsync(RetentionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readCutoff = now - settings.Notifications.KeepFor;
        var anyCutoff = now - settings.Notifications.KeepUnreadFor;
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ids = await db.Notifications
                .Where(n => (n.ReadAt != null && n.ReadAt <= readCutoff) || n.CreatedAt <= anyCutoff)
                .Where(n => !db.NotificationDeliveries.Any(d => d.NotificationId == n.Id
                    && (d.State == NotificationDeliveryState.Pending || d.State == NotificationDeliveryState.Sending || d.State == NotificationDeliveryState.Held)))
                .OrderBy(n => n.Id).Take(settings.BatchSize).Select(n => n.Id)
                .ToListAsync(cancellationToken);
            if (ids.Count > 0)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.NotificationDeliveries.Where(d => ids.Contains(d.NotificationId)).ExecuteDeleteAsync(cancellationToken);
                total += await db.Notifications.Where(n => ids.Contains(n.Id)).ExecuteDeleteAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            if (ids.Count < settings.BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>
    /// Finished and cancelled instances past the limit, except those still needed: a parent that has not ended waits on
    /// it (or may look at it), a child of its has not ended, work is queued for it or a bookmark left, a task of its (or a
    /// co-unit part of one) is open, or an event about it is not yet dispatched or notified. Each batch is written to the
    /// archive file and flushed, then deleted with a tombstone in one transaction.
    /// </summary>
    private async Task<(int Archived, string? File)> ArchiveInstancesAsync(RetentionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - settings.Instances.KeepFor;
        var folder = Path.GetFullPath(settings.ArchiveFolder, environment.ContentRootPath);
        InstanceArchive? archive = null;
        var total = 0;
        try
        {
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                var ids = await Archivable(db, cutoff).OrderBy(i => i.FinishedAt).ThenBy(i => i.Id).Take(settings.BatchSize).Select(i => i.Id).ToListAsync(cancellationToken);
                if (ids.Count == 0)
                {
                    break;
                }

                var lines = await ArchiveLinesAsync(db, ids, cancellationToken);
                archive ??= InstanceArchive.Create(folder, now);
                await archive.WriteAsync(lines.Select(l => l.Line), cancellationToken);
                await DeleteArchivedAsync(db, lines, archive.FileName, now, cancellationToken);
                total += ids.Count;
                if (ids.Count < settings.BatchSize)
                {
                    break;
                }
            }
        }
        finally
        {
            if (archive is not null)
            {
                await archive.DisposeAsync();
            }
        }

        return (total, archive?.FileName);
    }

    private static IQueryable<WorkflowInstanceRecord> Archivable(WorkflowDbContext db, DateTimeOffset cutoff) =>
        db.Instances.Where(i => (i.Status == WorkflowStatus.Finished || i.Status == WorkflowStatus.Cancelled) && i.FinishedAt != null && i.FinishedAt <= cutoff)
            .Where(i => i.ParentInstanceId == null
                || !db.Instances.Any(p => p.Id == i.ParentInstanceId && p.Status != WorkflowStatus.Finished && p.Status != WorkflowStatus.Cancelled))
            .Where(i => !db.Instances.Any(c => c.ParentInstanceId == i.Id && c.Status != WorkflowStatus.Finished && c.Status != WorkflowStatus.Cancelled))
            .Where(i => !db.WorkItems.Any(w => w.InstanceId == i.Id))
            .Where(i => !db.Bookmarks.Any(b => b.InstanceId == i.Id))
            .Where(i => !db.Tasks.Any(t => t.InstanceId == i.Id && (t.State == TaskState.Open || t.State == TaskState.Claimed)))
            .Where(i => !db.Tasks.Any(t => (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.ParentTaskId != null
                && db.Tasks.Any(p => p.Id == t.ParentTaskId && p.InstanceId == i.Id)))
            .Where(i => !db.Outbox.Any(o => o.InstanceId == i.Id && (o.DispatchedAt == null || o.NotifiedAt == null)));

    /// <summary>One archive line per instance.</summary>
    private static async Task<List<(WorkflowInstanceRecord Instance, JsonObject Line)>> ArchiveLinesAsync(WorkflowDbContext db, List<string> ids, CancellationToken cancellationToken)
    {
        var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var journal = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).OrderBy(j => j.Sequence).ToListAsync(cancellationToken)).ToLookup(j => j.InstanceId);
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        var taskIds = tasks.Select(t => t.Id).ToList();
        var events = (await db.TaskEvents.AsNoTracking().Where(e => taskIds.Contains(e.TaskId)).OrderBy(e => e.Id).ToListAsync(cancellationToken)).ToLookup(e => e.TaskId);
        var reports = (await db.ProgressReports.AsNoTracking().Where(r => taskIds.Contains(r.TaskId)).OrderBy(r => r.Sequence).ToListAsync(cancellationToken)).ToLookup(r => r.TaskId);
        var actions = (await db.SupervisionActions.AsNoTracking().Where(a => ids.Contains(a.InstanceId)).OrderBy(a => a.Id).ToListAsync(cancellationToken)).ToLookup(a => a.InstanceId);
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.InstanceId)).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var reviewIds = reviews.Select(r => r.Id).ToList();
        var participants = (await db.ReviewParticipants.AsNoTracking().Where(p => reviewIds.Contains(p.ReviewId)).OrderBy(p => p.Position).ToListAsync(cancellationToken)).ToLookup(p => p.ReviewId);
        var tasksByInstance = tasks.ToLookup(t => t.InstanceId);
        var reviewsByInstance = reviews.ToLookup(r => r.InstanceId);

        var lines = new List<(WorkflowInstanceRecord Instance, JsonObject Line)>();
        foreach (var instance in instances)
        {
            var row = Node(instance);
            row["state"] = JsonNode.Parse(instance.State);
            lines.Add((instance, new JsonObject
            {
                ["instance"] = row,
                ["journal"] = Nodes(journal[instance.Id]),
                ["tasks"] = new JsonArray([.. tasksByInstance[instance.Id].Select(t =>
                {
                    var task = Node(t);
                    task["events"] = Nodes(events[t.Id]);
                    task["progressReports"] = Nodes(reports[t.Id]);
                    return (JsonNode)task;
                })]),
                ["supervisionActions"] = Nodes(actions[instance.Id]),
                ["reviews"] = new JsonArray([.. reviewsByInstance[instance.Id].Select(r =>
                {
                    var review = Node(r);
                    review["participants"] = Nodes(participants[r.Id]);
                    return (JsonNode)review;
                })]),
            }));
        }

        return lines;
    }

    private static JsonObject Node<T>(T record) => JsonSerializer.SerializeToNode(record, InstanceArchive.Json)!.AsObject();

    private static JsonArray Nodes<T>(IEnumerable<T> records) => new([.. records.Select(r => (JsonNode)Node(r))]);

    /// <summary>Deletes the archived instances and everything of theirs, leaving a tombstone each, in one transaction.</summary>
    private static async Task DeleteArchivedAsync(
        WorkflowDbContext db, List<(WorkflowInstanceRecord Instance, JsonObject Line)> lines, string file, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = lines.Select(l => l.Instance.Id).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var taskIds = db.Tasks.Where(t => ids.Contains(t.InstanceId)).Select(t => t.Id);
        var reviewIds = db.Reviews.Where(r => ids.Contains(r.InstanceId)).Select(r => r.Id);
        await db.TaskEvents.Where(e => taskIds.Contains(e.TaskId)).ExecuteDeleteAsync(cancellationToken);
        await db.ProgressReports.Where(r => taskIds.Contains(r.TaskId)).ExecuteDeleteAsync(cancellationToken);
        await db.ReviewParticipants.Where(p => reviewIds.Contains(p.ReviewId)).ExecuteDeleteAsync(cancellationToken);
        await db.Reviews.Where(r => ids.Contains(r.InstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.SupervisionActions.Where(a => ids.Contains(a.InstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Tasks.Where(t => ids.Contains(t.InstanceId)).ExecuteDeleteAsync(cancellationToken);
        await db.Journal.Where(j => ids.Contains(j.InstanceId)).ExecuteDeleteAsync(cancellationToken);

        foreach (var (instance, _) in lines)
        {
            db.ArchivedInstances.Add(new ArchivedInstanceRecord
            {
                InstanceId = instance.Id,
                DefinitionId = instance.DefinitionId,
                DefinitionVersion = instance.DefinitionVersion,
                Status = instance.Status,
                CorrelationId = instance.CorrelationId,
                FinishedAt = instance.FinishedAt,
                ArchivedAt = now,
                ArchiveFile = file,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.Instances.Where(i => ids.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The answer for an instance id that is not in the database: 410 Gone when retention archived it, else 404.</summary>
    internal static async Task<Exception> MissingInstanceAsync(WorkflowDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var archived = await db.ArchivedInstances.AsNoTracking().Where(a => a.InstanceId == instanceId)
            .Select(a => new { a.ArchivedAt, a.ArchiveFile }).SingleOrDefaultAsync(cancellationToken);
        return archived is null
            ? new NotFoundException($"workflow instance '{instanceId}' does not exist")
            : new GoneException($"workflow instance '{instanceId}' was archived on {archived.ArchivedAt:yyyy-MM-dd} to {archived.ArchiveFile} and is no longer in the database");
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// Applies the items of running bulk jobs in the background, in each job's order, as the job's creator
/// (docs/decisions/029). Each round claims a batch of one job's items that nobody holds for
/// <see cref="EngineOptions.WorkClaimLease"/> (on PostgreSQL skipping the rows another node is claiming), applies them one
/// by one, writes the batch's audit lines (one per item) together, and then records the batch's outcomes and the job's
/// counts in one transaction.
/// A node that dies mid-batch leaves its claim to lapse: the items without an outcome are claimed again and applied again,
/// which the operations answer as already done. Wakes on <see cref="BulkJobSignal"/> or every
/// <see cref="EngineOptions.WorkPollInterval"/>.
/// </summary>
internal sealed class BulkJobRunner(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    BulkJobService jobs,
    AuditTrail audit,
    BulkJobSignal signal,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<BulkJobRunner> logger) : SignalledLoop(signal, logger)
{

    protected override TimeSpan PollInterval => options.Value.WorkPollInterval;

    protected override async Task<bool> RunRoundAsync(CancellationToken cancellationToken)
    {
        var (job, items) = await ClaimBatchAsync(cancellationToken);
        if (job is null)
        {
            return false;
        }

        var operation = jobs.Find(job.Operation);
        var caller = new Caller(job.CreatedBy, job.CreatedByAgency, job.CreatedByRoles.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
        var parameters = JsonNode.Parse(job.Parameters) as JsonObject ?? [];
        var outcomes = new List<(BulkJobItemRecord Item, BulkItemOutcome Outcome)>(items.Count);
        var lines = new List<AuditEntry>(items.Count);
        foreach (var item in items)
        {
            var outcome = operation is null
                ? BulkItemOutcome.Failed("此节点不支持该操作", $"this node has no operation '{job.Operation}'")
                : await ApplyAsync(operation, caller, item.ItemId, parameters, cancellationToken);
            outcomes.Add((item, outcome));
            lines.Add(AuditTrail.Of(
                caller,
                AuditActions.BulkJobItem(job.Operation),
                item.ItemId,
                JsonSerializer.Serialize(new { job = job.Id, sequence = item.Sequence, status = outcome.Status, reason = outcome.Reason?.En }, BulkJobService.Json),
                outcome: outcome.Status == BulkItemStatus.Failed ? AuditOutcomes.Failed : AuditOutcomes.Succeeded));
        }

        await audit.RecordAllAsync(lines, cancellationToken);
        await RecordAsync(job.Id, outcomes, cancellationToken);
        return true;
    }

    /// <summary>Applies one item; a refusal or an error is the item's failure, never the job's.</summary>
    private async Task<BulkItemOutcome> ApplyAsync(IBulkOperation operation, Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await operation.ApplyAsync(caller, itemId, parameters, cancellationToken);
        }
        catch (Exception e) when (e is ForbiddenException or NotFoundException or ConflictException or RequestValidationException)
        {
            var message = e is RequestValidationException invalid ? string.Join("; ", invalid.Errors.SelectMany(p => p.Value)) : e.Message;
            return BulkItemOutcome.Failed(Reason(e), message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Bulk operation {Operation} failed on {Item}", operation.Name, itemId);
            return BulkItemOutcome.Failed("处理出错", e.Message);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        ForbiddenException => "无权执行此操作",
        NotFoundException => "对象不存在",
        ConflictException => "对象状态已变化，无法执行",
        _ => "参数不适用于此对象",
    };

    /// <summary>
    /// Claims up to <see cref="BulkJobService.RunnerBatchSize"/> unapplied items nobody holds of the oldest running job that has any, in one
    /// statement; (null, empty) when there are none.
    /// </summary>
    private async Task<(BulkJobRecord? Job, List<BulkJobItemRecord> Items)> ClaimBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimable = db.BulkJobItems.AsNoTracking().Where(i => i.Status == null && (i.ClaimedUntil == null || i.ClaimedUntil <= now));
        var job = await db.BulkJobs.AsNoTracking()
            .Where(j => j.Status == BulkJobStatus.Running && claimable.Any(i => i.JobId == j.Id))
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (job is null)
        {
            return (null, []);
        }

        var stored = SharedWork.StoredTime<BulkJobItemRecord>(db, nameof(BulkJobItemRecord.ClaimedUntil));
        var sql = $$"""
            UPDATE "BulkJobItems" SET "ClaimedUntil" = {0}
            WHERE "JobId" = {1} AND "Sequence" IN (
                SELECT "Sequence" FROM "BulkJobItems"
                WHERE "JobId" = {1} AND "Status" IS NULL AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {2})
                ORDER BY "Sequence" LIMIT {3}{{SharedWork.SkipLocked(db)}})
            RETURNING *
            """;
        var items = await db.BulkJobItems
            .FromSqlRaw(sql, stored(now + options.Value.WorkClaimLease), job.Id, stored(now), BulkJobService.RunnerBatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        items.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return (job, items);
    }

    /// <summary>
    /// Records a batch's outcomes (only on items still without one, so an item a lapsed claim let two nodes apply counts
    /// once), recounts the job, and finishes it when nothing is left, with its event: one transaction.
    /// </summary>
    private async Task RecordAsync(string jobId, List<(BulkJobItemRecord Item, BulkItemOutcome Outcome)> outcomes, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (item, outcome) in outcomes)
        {
            await db.BulkJobItems.Where(i => i.JobId == jobId && i.Sequence == item.Sequence && i.Status == null).ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Status, outcome.Status)
                    .SetProperty(i => i.ReasonZh, Cut(outcome.Reason?.Zh))
                    .SetProperty(i => i.ReasonEn, Cut(outcome.Reason?.En))
                    .SetProperty(i => i.DoneAt, now)
                    .SetProperty(i => i.ClaimedUntil, (DateTimeOffset?)null),
                cancellationToken);
        }

        await CountAndFinishAsync(db, jobId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets a job's counts from its items and, when it is running and has no item left, finishes it and adds its event.</summary>
    private static async Task CountAndFinishAsync(WorkflowDbContext db, string jobId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await db.BulkJobItems.Where(i => i.JobId == jobId && i.Status != null).GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(BulkItemStatus status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        int succeeded = Count(BulkItemStatus.Succeeded), skipped = Count(BulkItemStatus.Skipped), failed = Count(BulkItemStatus.Failed);
        await db.BulkJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(
            s => s.SetProperty(j => j.Succeeded, succeeded).SetProperty(j => j.Skipped, skipped).SetProperty(j => j.Failed, failed),
            cancellationToken);
        var finished = await db.BulkJobs
            .Where(j => j.Id == jobId && j.Status == BulkJobStatus.Running && j.Total == succeeded + skipped + failed)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkJobStatus.Finished).SetProperty(j => j.FinishedAt, now), cancellationToken);
        if (finished == 1)
        {
            var job = await db.BulkJobs.AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken);
            db.Outbox.Add(BulkJobService.FinishedEvent(job, now));
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static string? Cut(string? text) => text is null || text.Length <= 1000 ? text : text[..1000];
}

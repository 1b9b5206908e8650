using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Scheduling;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Queued work (docs/decisions/004): runs work items — queued starts, a parent's resume by its child, cancels — and the
/// inline work they cause, and hands a committed burst's consequences on: its timers to the scheduler, its background
/// work to the <see cref="WorkItemProcessor"/>.
/// </summary>
public sealed class WorkQueue(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    RuntimeReads reads,
    BlueprintCache blueprints,
    BurstRunner runner,
    DefinitionValidator validator,
    ITimerScheduler timers,
    WorkSignal workSignal,
    TimeProvider time,
    ILogger<WorkQueue> logger)
{
    /// <summary>
    /// Schedules a committed burst's timers, wakes the background worker for its background work and runs its inline
    /// work; true when inline work ran (the instance may have moved on since the burst).
    /// </summary>
    internal async Task<bool> HandOnAsync(CommittedBurst committed, CancellationToken cancellationToken)
    {
        var inline = await ScheduleAndSignalAsync(committed, cancellationToken);
        if (inline.Count == 0)
        {
            return false;
        }

        await ProcessAsync(inline, QueuedStartReads.None, cancellationToken);
        return true;
    }

    /// <summary>Reads what the queued starts among <paramref name="items"/> need, for all of them at once (see <see cref="QueuedStartReads"/>).</summary>
    internal Task<QueuedStartReads> ReadStartsAsync(IReadOnlyCollection<WorkItemRecord> items, CancellationToken cancellationToken) =>
        QueuedStartReads.ReadAsync(items, reads, blueprints, cancellationToken);

    /// <summary>
    /// Runs queued work: the given items and whatever inline work they cause, until none is left. Used by the
    /// background worker; an item already taken by someone else is skipped. A queued start takes its instance's row and
    /// published version from <paramref name="readAhead"/> when they were read there.
    /// </summary>
    internal async Task ProcessAsync(IEnumerable<WorkItemRecord> items, QueuedStartReads readAhead, CancellationToken cancellationToken)
    {
        var queue = new Queue<WorkItemRecord>(items);
        while (queue.TryDequeue(out var item))
        {
            var committed = await ProcessItemAsync(item, readAhead, cancellationToken);
            if (committed is null)
            {
                continue;
            }

            foreach (var next in await ScheduleAndSignalAsync(committed, cancellationToken))
            {
                queue.Enqueue(next);
            }
        }
    }

    /// <summary>Schedules a committed burst's timers and wakes the background worker for its background work; returns its inline work.</summary>
    private async Task<List<WorkItemRecord>> ScheduleAndSignalAsync(CommittedBurst committed, CancellationToken cancellationToken)
    {
        await ScheduleTimersAsync(committed, cancellationToken);
        if (committed.WorkItems.Any(w => w.Background))
        {
            workSignal.Notify();
        }

        return [.. committed.WorkItems.Where(w => !w.Background)];
    }

    private async Task<CommittedBurst?> ProcessItemAsync(WorkItemRecord item, QueuedStartReads readAhead, CancellationToken cancellationToken)
    {
        try
        {
            return item.Kind switch
            {
                WorkItemKinds.Start => await StartQueuedAsync(item, readAhead, cancellationToken),
                WorkItemKinds.Resume => await ResumeQueuedAsync(item, cancellationToken),
                WorkItemKinds.Cancel => await runner.CancelAsync(item.InstanceId, item.Id, throwIfEnded: false, cancellationToken),
                _ => throw new InvalidOperationException($"unknown work item kind '{item.Kind}'"),
            };
        }
        catch (ConflictException e) when (e is not ContentionException)
        {
            // Already done by someone else, or no longer possible (the instance ended): the item has nothing left to do.
            logger.LogInformation("Work item {WorkItemId} ({Kind}) for instance {InstanceId} skipped: {Reason}", item.Id, item.Kind, item.InstanceId, e.Message);
            await runner.DeleteWorkItemAsync(item.Id, cancellationToken);
            return null;
        }
    }

    private async Task<CommittedBurst?> StartQueuedAsync(WorkItemRecord item, QueuedStartReads readAhead, CancellationToken cancellationToken)
    {
        var record = readAhead.TryTakeInstance(item.InstanceId, out var readBefore) ? readBefore : await reads.InstanceAsync(item.InstanceId, cancellationToken);
        if (record is null || record.DefinitionVersionId is not null)
        {
            await runner.DeleteWorkItemAsync(item.Id, cancellationToken);
            return null;
        }

        var payload = item.Payload is null ? null : JsonNode.Parse(item.Payload);
        var input = payload?["input"] as JsonObject ?? [];
        PublishedVersion? chosen = null;
        if (payload?["versions"] is JsonArray versions)
        {
            var (version, problem) = await ChooseChildVersionAsync(record.DefinitionId, [.. versions.Select(v => v!.GetValue<string>())], cancellationToken);
            if (version is null)
            {
                return await FailQueuedStartAsync(record, item, problem!, cancellationToken);
            }

            chosen = version;
        }
        else
        {
            chosen = readAhead.TryGetPublished(record.DefinitionId, out var published) ? published : await reads.PublishedVersionAsync(record.DefinitionId, cancellationToken);
            if (chosen is null)
            {
                return await FailQueuedStartAsync(record, item, $"workflow definition '{record.DefinitionId}' has no published version", cancellationToken);
            }
        }

        // Burst.Start copies the input, so a retried burst starts from the same input.
        return await runner.RunAsync(record.Id, null, burst => burst.Start(input), item.Id, null, cancellationToken, chosenVersion: chosen, read: record);
    }

    /// <summary>
    /// The version a child started by a definition activity runs: the first <see cref="VersionChoice"/> candidate that
    /// names a version. A version never published (a draft, through <c>Latest</c> or its number) must pass validation
    /// first. Null and the reason when there is none.
    /// </summary>
    private async Task<(PublishedVersion? Version, string? Problem)> ChooseChildVersionAsync(
        string definitionId, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId)
            .Select(d => new { d.Id, d.Version, d.IsPublished, d.IsLatest, d.PublishedAt })
            .ToListAsync(cancellationToken);
        var chosen = VersionChoice.Pick(candidates, versions, v => (v.Id, v.Version, v.IsPublished, v.IsLatest));
        if (chosen is null)
        {
            return (null, versions.Count == 0
                ? $"workflow definition '{definitionId}' does not exist"
                : $"workflow definition '{definitionId}' has no {VersionChoice.Describe(candidates)}");
        }

        if (chosen.PublishedAt is null)
        {
            var json = await db.Definitions.AsNoTracking().Where(d => d.Id == chosen.Id).Select(d => d.Json).SingleAsync(cancellationToken);
            var problems = validator.Validate(WorkflowDefinitionJson.Read(json, $"workflow definition '{definitionId}'"));
            if (problems.Count > 0)
            {
                return (null, $"version {chosen.Version} of '{definitionId}' is a draft with problems: {string.Join("; ", problems.Select(p => p.Message))}");
            }
        }

        return (new PublishedVersion(chosen.Id, chosen.Version), null);
    }

    private async Task<CommittedBurst?> ResumeQueuedAsync(WorkItemRecord item, CancellationToken cancellationToken)
    {
        var bookmark = await reads.BookmarkAsync(item.BookmarkId!, cancellationToken);
        if (bookmark is null)
        {
            await runner.DeleteWorkItemAsync(item.Id, cancellationToken);
            return null;
        }

        var payload = item.Payload is null ? null : JsonNode.Parse(item.Payload);
        return await runner.ResumeAsync(bookmark, payload, item.Id, cancellationToken);
    }

    private async Task<CommittedBurst?> FailQueuedStartAsync(WorkflowInstanceRecord record, WorkItemRecord item, string message, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var state = new WorkflowState();
        state.Incidents.Add(new Incident(record.DefinitionId, "workflow", message, null, now));
        var entry = db.Instances.Attach(record);
        entry.Property(i => i.ConcurrencyVersion).OriginalValue = record.ConcurrencyVersion;
        record.ConcurrencyVersion++;
        record.Status = WorkflowStatus.Faulted;
        record.State = WorkflowStateJson.Serialize(state);
        record.UpdatedAt = now;
        record.FinishedAt = now;
        entry.State = EntityState.Modified;
        db.WorkItems.Remove(new WorkItemRecord { Id = item.Id, Kind = "", InstanceId = "" });
        var workItems = new List<WorkItemRecord>();
        if (BurstStaging.ParentResume(record, WorkflowStatus.Faulted, state.Output, message, now) is { } parentResume)
        {
            workItems.Add(parentResume);
        }

        db.WorkItems.AddRange(workItems);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        return new CommittedBurst(record, state, [], [], workItems);
    }

    private async Task ScheduleTimersAsync(CommittedBurst committed, CancellationToken cancellationToken)
    {
        foreach (var bookmark in committed.RemovedBookmarks.Where(b => b.ResumeAt is not null))
        {
            await timers.UnscheduleAsync(bookmark.Id, cancellationToken);
        }

        foreach (var bookmark in committed.CreatedBookmarks.Where(b => b.ResumeAt is not null))
        {
            await timers.ScheduleAsync(committed.Instance.Id, bookmark, cancellationToken);
        }
    }
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Scheduling;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Starts, resumes and cancels instances. Each call runs one burst per instance it touches and commits it in one
/// transaction: instance state (with an optimistic version check), bookmarks made and consumed, journal, child
/// instances and queued work, and outbox events. A bookmark is consumed by deleting its row in that transaction,
/// so a second resume of it finds nothing and gets a <see cref="ConflictException"/>. A burst that lost a race
/// with another burst of the same instance is retried from a fresh read (<see cref="EngineOptions.ConcurrencyRetries"/>).
/// </summary>
public sealed class WorkflowRuntime(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    BlueprintCache blueprints,
    BurstCommitter committer,
    ActivityRegistry registry,
    DefinitionValidator validator,
    ExpressionEvaluator evaluator,
    ITimerScheduler timers,
    WorkSignal workSignal,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<WorkflowRuntime> logger)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    // The front door: pages and endpoints call these with the signed-in caller, and the rule of who may do what is
    // here, once (docs/decisions/014). The overloads without a caller are the engine's own (plans, tasks, timers) and
    // authorize nothing.

    /// <summary>Starts an instance on behalf of an NDRC planner; see <see cref="StartAsync(StartWorkflowRequest, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<InstanceView> StartAsync(Caller caller, StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("start workflows");
        return await StartAsync(request, cancellationToken);
    }

    /// <summary>Cancels an instance on behalf of an NDRC planner; see <see cref="CancelAsync(string, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<InstanceView> CancelAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("cancel workflows");
        return await CancelAsync(instanceId, cancellationToken);
    }

    /// <summary>An instance, for NDRC staff and auditors (agency callers see their tasks, not the engine's instances).</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<InstanceView> GetAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("workflow instances");
        return await GetAsync(instanceId, cancellationToken);
    }

    /// <summary>
    /// The definition version an instance runs, for those who may read the instance (NDRC staff and auditors), so the
    /// instance viewer can draw it without the right to design workflows.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such instance, or its version is gone.</exception>
    public async Task<WorkflowDefinition> GetDefinitionOfAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("workflow instances");
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

    /// <summary>One page of an instance's journal, for NDRC staff and auditors; see <see cref="GetJournalAsync(string, int, int, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<Page<JournalEntry>> GetJournalAsync(Caller caller, string instanceId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("workflow journals");
        return await GetJournalAsync(instanceId, page, pageSize, cancellationToken);
    }

    /// <summary>One page of instances, for NDRC staff and auditors; see <see cref="ListAsync(InstanceQuery, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    public async Task<Page<InstanceSummary>> ListAsync(Caller caller, InstanceQuery query, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("workflow instances");
        return await ListAsync(query, cancellationToken);
    }

    /// <summary>
    /// Resumes the <c>Elsa.Event</c> bookmarks waiting for an event; returns the instances resumed. NDRC planners and
    /// supervisors raise any event. Any other caller that may act (agency staff, lead, agency system) must name a
    /// correlation id that belongs to a task of its own agency; another agency's correlation id is answered exactly like
    /// one nothing waits for, so the answer reveals nothing about other agencies' workflows.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller does not work on tasks (<see cref="Caller.CanAct"/>: an auditor or an administrator).</exception>
    /// <exception cref="RequestValidationException">An agency caller sent no correlation id (named <c>correlationId</c>).</exception>
    /// <exception cref="NotFoundException">Nothing waits for the event (with that correlation id), or the correlation id is not the agency's.</exception>
    public async Task<IReadOnlyList<string>> RaiseEventAsync(Caller caller, string name, string? correlationId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        if (!caller.CanAct)
        {
            throw new ForbiddenException("auditors and administrators do not raise events");
        }

        if (!caller.IsNdrcStaff)
        {
            if (string.IsNullOrWhiteSpace(correlationId))
            {
                throw RequestValidationException.For("correlationId", "an agency raises events for its own tasks: name the task's correlation id");
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Tasks.AnyAsync(t => t.CorrelationId == correlationId && t.AgencyCode == caller.AgencyCode, cancellationToken))
            {
                throw NothingWaits(name, correlationId);
            }
        }

        var resumed = await RaiseEventAsync(name, correlationId, payload, cancellationToken);
        return resumed.Count > 0 ? resumed : throw NothingWaits(name, correlationId);
    }

    private static NotFoundException NothingWaits(string name, string? correlationId) =>
        new($"no workflow instance waits for event '{name}'{(correlationId is null ? "" : $" with correlation id '{correlationId}'")}");

    /// <summary>Starts an instance of the latest published version (or <see cref="StartWorkflowRequest.Version"/>) and runs its first burst.</summary>
    /// <exception cref="NotFoundException">No such definition or version.</exception>
    /// <exception cref="ConflictException">The definition has no published version.</exception>
    public async Task<InstanceView> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        PublishedVersion? chosen = null;
        if (request.Version is { } number)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            chosen = await FindVersionAsync(db, request.DefinitionId, number, cancellationToken);
        }

        var now = time.GetUtcNow();
        var record = new WorkflowInstanceRecord
        {
            Id = request.InstanceId ?? Guid.NewGuid().ToString("N"),
            DefinitionId = request.DefinitionId,
            DefinitionVersionId = chosen?.Id,
            DefinitionVersion = chosen?.Version ?? 0,
            Status = WorkflowStatus.Running,
            CorrelationId = request.CorrelationId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        CommittedBurst? committed;
        try
        {
            committed = await RunBurstAsync(record.Id, record, burst => burst.Start(request.Input ?? []), null, null, cancellationToken);
        }
        catch (Exception) when (request.InstanceId is not null)
        {
            // An earlier or concurrent start with the same id inserted the instance first (its insert fails here), so
            // it is the answer; keyed starts pay no lookup before they run. Otherwise the failure is real.
            if (await ExistingStartAsync(record.Id, request, cancellationToken) is { } existing)
            {
                return existing;
            }

            throw;
        }

        return await AfterCommitAsync(committed!, cancellationToken);
    }

    /// <summary>The instance a start with a fixed id already made, or null; an id taken by another definition is a conflict.</summary>
    private async Task<InstanceView?> ExistingStartAsync(string instanceId, StartWorkflowRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var definitionId = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.DefinitionId).SingleOrDefaultAsync(cancellationToken);
        return definitionId switch
        {
            null => null,
            _ when definitionId != request.DefinitionId =>
                throw new ConflictException($"workflow instance '{instanceId}' already exists for another definition"),
            _ => await GetAsync(instanceId, cancellationToken),
        };
    }

    /// <summary>Resumes one bookmark with a payload.</summary>
    /// <exception cref="NotFoundException">No such bookmark (never existed).</exception>
    /// <exception cref="ConflictException">The bookmark was already consumed (or removed with its instance's end).</exception>
    public async Task<InstanceView> ResumeAsync(string bookmarkId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        await using var lookup = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bookmark = await RuntimeQueries.Bookmark(lookup, bookmarkId, cancellationToken)
            ?? throw new ConflictException($"bookmark {bookmarkId} does not exist or was already consumed");
        var committed = await ResumeBookmarkAsync(bookmark, payload, null, cancellationToken, lookup)
            ?? throw new ConflictException($"bookmark {bookmarkId} was already consumed");
        return await AfterCommitAsync(committed, cancellationToken);
    }

    /// <summary>Resumes a bookmark if it still exists; false when it was already consumed or removed (used by timers).</summary>
    public async Task<bool> TryResumeAsync(string bookmarkId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        await using var lookup = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bookmark = await RuntimeQueries.Bookmark(lookup, bookmarkId, cancellationToken);
        var committed = bookmark is null ? null : await ResumeBookmarkAsync(bookmark, payload, null, cancellationToken, lookup);
        if (committed is null)
        {
            return false;
        }

        await AfterCommitAsync(committed, cancellationToken);
        return true;
    }

    /// <summary>
    /// Resumes every <c>Elsa.Event</c> bookmark waiting for <paramref name="name"/>; with a correlation id only those of
    /// instances correlated by it. Returns the instances resumed; empty when none waited.
    /// </summary>
    public async Task<IReadOnlyList<string>> RaiseEventAsync(string name, string? correlationId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        await using var lookup = await dbFactory.CreateDbContextAsync(cancellationToken);
        await lookup.Database.OpenConnectionAsync(cancellationToken);
        var query = correlationId is null
            ? RuntimeQueries.EventBookmarks(lookup, name)
            : RuntimeQueries.CorrelatedEventBookmarks(lookup, name, correlationId);
        var bookmarks = await query.ToListAsync(cancellationToken);

        var resumed = new List<string>();
        foreach (var bookmark in bookmarks)
        {
            CommittedBurst? committed;
            try
            {
                committed = await ResumeBookmarkAsync(bookmark, payload, null, cancellationToken, lookup);
            }
            catch (ConflictException e) when (e is not ContentionException)
            {
                // Another caller consumed the bookmark or ended the instance first; the event is not for it any more.
                logger.LogDebug("Event {Event} skipped instance {InstanceId}: {Reason}", name, bookmark.InstanceId, e.Message);
                continue;
            }

            if (committed is not null)
            {
                resumed.Add(bookmark.InstanceId);
                await AfterCommitAsync(committed, cancellationToken);
            }
        }

        return resumed;
    }

    /// <summary>Cancels an instance (running, suspended or faulted) and, through queued work, its active children.</summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="ConflictException">The instance already finished or was cancelled.</exception>
    public async Task<InstanceView> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var committed = await CancelInstanceAsync(instanceId, null, throwIfEnded: true, cancellationToken);
        return committed is null ? await GetAsync(instanceId, cancellationToken) : await AfterCommitAsync(committed, cancellationToken);
    }

    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<InstanceView> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await RuntimeQueries.Instance(db, instanceId, cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        return View(record, WorkflowStateJson.Deserialize(record.State));
    }

    private static InstanceView View(WorkflowInstanceRecord record, WorkflowState state) =>
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
    public async Task<Page<JournalEntry>> GetJournalAsync(string instanceId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Instances.AnyAsync(i => i.Id == instanceId, cancellationToken))
        {
            throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
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

    /// <summary>One page (1-based) of instances, newest first.</summary>
    public async Task<Page<InstanceSummary>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var instances = db.Instances.AsNoTracking();
        if (query.DefinitionId is not null)
        {
            instances = instances.Where(i => i.DefinitionId == query.DefinitionId);
        }

        if (query.Status is { } status)
        {
            instances = instances.Where(i => i.Status == status);
        }

        if (query.CorrelationId is not null)
        {
            instances = instances.Where(i => i.CorrelationId == query.CorrelationId);
        }

        var total = await instances.CountAsync(cancellationToken);
        var rows = await instances.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.ParentInstanceId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(cancellationToken);
        return new Page<InstanceSummary>(rows, total, query.Page, query.PageSize);
    }

    /// <summary>
    /// Runs queued work: the given items and whatever inline work they cause, until none is left. Used by the
    /// background worker; an item already taken by someone else is skipped.
    /// </summary>
    public async Task ProcessAsync(IEnumerable<WorkItemRecord> items, CancellationToken cancellationToken)
    {
        var queue = new Queue<WorkItemRecord>(items);
        while (queue.TryDequeue(out var item))
        {
            var committed = await ProcessItemAsync(item, cancellationToken);
            if (committed is null)
            {
                continue;
            }

            await ScheduleTimersAsync(committed, cancellationToken);
            foreach (var next in committed.WorkItems.Where(w => !w.Background))
            {
                queue.Enqueue(next);
            }

            if (committed.WorkItems.Any(w => w.Background))
            {
                workSignal.Notify();
            }
        }
    }

    private async Task<CommittedBurst?> ProcessItemAsync(WorkItemRecord item, CancellationToken cancellationToken)
    {
        try
        {
            return item.Kind switch
            {
                WorkItemKinds.Start => await StartQueuedAsync(item, cancellationToken),
                WorkItemKinds.Resume => await ResumeQueuedAsync(item, cancellationToken),
                WorkItemKinds.Cancel => await CancelInstanceAsync(item.InstanceId, item.Id, throwIfEnded: false, cancellationToken),
                _ => throw new InvalidOperationException($"unknown work item kind '{item.Kind}'"),
            };
        }
        catch (ConflictException e) when (e is not ContentionException)
        {
            // Already done by someone else, or no longer possible (the instance ended): the item has nothing left to do.
            logger.LogInformation("Work item {WorkItemId} ({Kind}) for instance {InstanceId} skipped: {Reason}", item.Id, item.Kind, item.InstanceId, e.Message);
            await DeleteWorkItemAsync(item.Id, cancellationToken);
            return null;
        }
    }

    private async Task<CommittedBurst?> StartQueuedAsync(WorkItemRecord item, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await RuntimeQueries.Instance(db, item.InstanceId, cancellationToken);
        if (record is null || record.DefinitionVersionId is not null)
        {
            await DeleteWorkItemAsync(item.Id, cancellationToken);
            return null;
        }

        var payload = item.Payload is null ? null : JsonNode.Parse(item.Payload);
        var input = payload?["input"] as JsonObject ?? [];
        PublishedVersion? chosen = null;
        if (payload?["versions"] is JsonArray versions)
        {
            var (version, problem) = await ChooseChildVersionAsync(db, record.DefinitionId, [.. versions.Select(v => v!.GetValue<string>())], cancellationToken);
            if (version is null)
            {
                return await FailQueuedStartAsync(record, item, problem!, cancellationToken);
            }

            chosen = version;
        }
        else if (await RuntimeQueries.PublishedVersion(db, record.DefinitionId, cancellationToken) is null)
        {
            return await FailQueuedStartAsync(record, item, $"workflow definition '{record.DefinitionId}' has no published version", cancellationToken);
        }

        // Burst.Start copies the input, so a retried burst starts from the same input; the burst runs on this connection.
        return await RunBurstAsync(record.Id, null, burst => burst.Start(input), item.Id, null, cancellationToken, openContext: db, chosenVersion: chosen);
    }

    /// <summary>
    /// The version a child started by a definition activity runs: the first <see cref="VersionChoice"/> candidate that
    /// names a version. A version never published (a draft, through <c>Latest</c> or its number) must pass validation
    /// first. Null and the reason when there is none.
    /// </summary>
    private async Task<(PublishedVersion? Version, string? Problem)> ChooseChildVersionAsync(
        WorkflowDbContext db, string definitionId, IReadOnlyList<string> candidates, CancellationToken cancellationToken)
    {
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
        var bookmark = await FindBookmarkAsync(item.BookmarkId!, cancellationToken);
        if (bookmark is null)
        {
            await DeleteWorkItemAsync(item.Id, cancellationToken);
            return null;
        }

        var payload = item.Payload is null ? null : JsonNode.Parse(item.Payload);
        return await ResumeBookmarkAsync(bookmark, payload, item.Id, cancellationToken);
    }

    private async Task<BookmarkRecord?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await RuntimeQueries.Bookmark(db, bookmarkId, cancellationToken);
    }

    private Task<CommittedBurst?> ResumeBookmarkAsync(
        BookmarkRecord bookmark, JsonNode? payload, long? workItemId, CancellationToken cancellationToken, WorkflowDbContext? openContext = null)
    {
        var model = new Bookmark(bookmark.Id, bookmark.Kind, bookmark.Key, bookmark.CorrelationId, bookmark.ResumeAt, bookmark.ContextId, bookmark.ActivityId);
        return RunBurstAsync(bookmark.InstanceId, null, burst => burst.Resume(model, payload?.DeepClone()), workItemId, bookmark.Id, cancellationToken, openContext: openContext);
    }

    private async Task<CommittedBurst?> CancelInstanceAsync(string instanceId, long? workItemId, bool throwIfEnded, CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var status = (await RuntimeQueries.Instance(db, instanceId, cancellationToken))?.Status
                ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
            if (status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            {
                if (throwIfEnded)
                {
                    throw new ConflictException($"workflow instance '{instanceId}' is already {status}");
                }

                await DeleteWorkItemAsync(workItemId, cancellationToken);
                return null;
            }
        }

        return await RunBurstAsync(instanceId, null, burst => burst.Cancel(), workItemId, null, cancellationToken, cancelling: true);
    }

    /// <summary>
    /// Loads the instance, applies the stimulus, and commits everything in one transaction on one connection. Returns
    /// null when the work item or the bookmark it consumes is already gone: someone else got there first. A caller
    /// that already holds an open context (with no pending changes) passes it as <paramref name="openContext"/> to
    /// save a connection round trip; retries use fresh contexts.
    /// </summary>
    private async Task<CommittedBurst?> RunBurstAsync(
        string instanceId,
        WorkflowInstanceRecord? newRecord,
        Action<Burst> stimulus,
        long? workItemId,
        string? consumedBookmarkId,
        CancellationToken cancellationToken,
        bool cancelling = false,
        WorkflowDbContext? openContext = null,
        PublishedVersion? chosenVersion = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var owned = attempt == 1 && openContext is not null ? null : await dbFactory.CreateDbContextAsync(cancellationToken);
            var db = owned ?? openContext!;
            db.ChangeTracker.Clear();
            await db.Database.OpenConnectionAsync(cancellationToken);
            var record = newRecord ?? await RuntimeQueries.Instance(db, instanceId, cancellationToken)
                ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
            if (newRecord is null && IsEnded(record.Status) && !(cancelling && record.Status == WorkflowStatus.Faulted))
            {
                // An ended instance has no bookmarks left: a resume of one lost the race to the burst that ended it.
                return consumedBookmarkId is not null
                    ? null
                    : throw new ConflictException($"workflow instance '{instanceId}' is already {record.Status}");
            }

            // No version yet: a queued start (of the version a definition activity chose, else the published one), or a
            // start of the latest published version.
            var starting = record.DefinitionVersionId is null;
            if (starting)
            {
                var version = chosenVersion
                    ?? await RuntimeQueries.PublishedVersion(db, record.DefinitionId, cancellationToken)
                    ?? throw await NoPublishedVersionAsync(db, record.DefinitionId, cancellationToken);
                record.DefinitionVersionId = version.Id;
                record.DefinitionVersion = version.Version;
            }

            var blueprint = await blueprints.GetAsync(db, record.DefinitionVersionId!, cancellationToken);
            var burst = await RunStimulusAsync(record, blueprint, stored: newRecord is null && !starting, stimulus, cancellationToken);
            var readVersion = record.ConcurrencyVersion;
            var rows = await StageAsync(db, record, burst, cancellationToken);
            try
            {
                var outcome = await committer.CommitAsync(new BurstCommit(rows, newRecord is not null, readVersion, workItemId, consumedBookmarkId, burst));
                switch (outcome)
                {
                    case CommitOutcome.Committed:
                        return new CommittedBurst(record, burst.State, [.. burst.CreatedBookmarks], [.. burst.RemovedBookmarks], rows.WorkItems);
                    case CommitOutcome.AlreadyConsumed:
                        return null;
                }
            }
            catch (Exception e) when (DatabaseErrors.IsTransient(e))
            {
                // A deadlock with another node or a busy database: nothing of the burst was written; run it again.
                logger.LogDebug(e, "Burst of instance {InstanceId} met a transient database failure (attempt {Attempt})", instanceId, attempt);
            }
            catch (DbUpdateException) when (newRecord is null)
            {
                // An effect's rows (e.g. a task's version) changed under the burst; retry from a fresh read when the
                // instance itself moved on, otherwise the failure is real.
                if (!await ChangedSinceAsync(instanceId, readVersion, cancellationToken))
                {
                    throw;
                }
            }

            if (attempt >= options.Value.ConcurrencyRetries)
            {
                throw new ContentionException($"workflow instance '{instanceId}' kept changing concurrently; try again");
            }

            logger.LogDebug("Burst of instance {InstanceId} lost a race (attempt {Attempt}); retrying", instanceId, attempt);
        }
    }

    /// <summary>
    /// Runs the stimulus on a burst under <see cref="EngineOptions.WorkItemTimeout"/> (real clock): at the limit the burst
    /// is told to stop, and its running activity faults. A burst still running <see cref="EngineOptions.WorkItemGrace"/>
    /// later is abandoned (its thread cannot be stopped; whatever it changes is never committed) and a burst that faults
    /// the instance from its committed state takes its place.
    /// </summary>
    private async Task<Burst> RunStimulusAsync(
        WorkflowInstanceRecord record, WorkflowBlueprint blueprint, bool stored, Action<Burst> stimulus, CancellationToken cancellationToken)
    {
        var limit = options.Value.WorkItemTimeout;
        var now = time.GetUtcNow();
        using var stop = new CancellationTokenSource(limit);
        var burst = new Burst(blueprint, record.Id, record.CorrelationId, FreshState(record, stored), registry, evaluator, now, _timeZone)
        {
            Stopping = stop.Token,
            StopReason = $"stopped after {Describe(limit)}: one step of a workflow may run at most that long (Engine:WorkItemTimeout)",
        };
        var run = Task.Run(() => stimulus(burst), CancellationToken.None);
        try
        {
            await run.WaitAsync(limit + options.Value.WorkItemGrace, cancellationToken);
            return burst;
        }
        catch (TimeoutException)
        {
            var message = $"abandoned after {Describe(limit)}: one step of a workflow may run at most that long (Engine:WorkItemTimeout), and this one did not stop";
            logger.LogError("Burst of instance {InstanceId} did not stop within {Limit} and was abandoned while running activity {ActivityId}", record.Id, limit, burst.RunningActivityId);
            _ = run.ContinueWith(t => logger.LogWarning(t.Exception, "The abandoned burst of instance {InstanceId} ended", record.Id), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var halted = new Burst(blueprint, record.Id, record.CorrelationId, FreshState(record, stored), registry, evaluator, now, _timeZone);
            halted.Halt(burst.RunningActivityId, message);
            return halted;
        }
    }

    /// <summary>The instance's state as last committed (a new instance's is empty).</summary>
    private static WorkflowState FreshState(WorkflowInstanceRecord record, bool stored) => stored ? WorkflowStateJson.Deserialize(record.State) : new WorkflowState();

    private static string Describe(TimeSpan limit) => limit.TotalSeconds >= 1 ? $"{limit.TotalSeconds:0.#} s" : $"{limit.TotalMilliseconds:0} ms";

    /// <summary>Why there is no published version: the definition does not exist (404) or was never published (409).</summary>
    private static async Task<Exception> NoPublishedVersionAsync(WorkflowDbContext db, string definitionId, CancellationToken cancellationToken) =>
        await db.Definitions.AnyAsync(d => d.DefinitionId == definitionId, cancellationToken)
            ? new ConflictException($"workflow definition '{definitionId}' has no published version; publish it first")
            : new NotFoundException($"workflow definition '{definitionId}' does not exist");

    /// <summary>
    /// Adds to <paramref name="db"/> an instance of <paramref name="definitionId"/> (its latest published version when it
    /// runs) and the background work that starts it, so it starts if and only if the caller's transaction commits. Call
    /// <see cref="NotifyWork"/> after the commit.
    /// </summary>
    /// <returns>The new instance's id.</returns>
    public string StageStart(WorkflowDbContext db, string definitionId, JsonObject input, string? correlationId)
    {
        var (instance, item) = QueueStart(Guid.NewGuid().ToString("N"), definitionId, input, correlationId, null, null, background: true, time.GetUtcNow());
        db.Instances.Add(instance);
        db.WorkItems.Add(item);
        return instance.Id;
    }

    /// <summary>Wakes the background worker after a commit that queued work.</summary>
    public void NotifyWork() => workSignal.Notify();

    /// <summary>A not-yet-started instance row and the work item that starts it.</summary>
    private static (WorkflowInstanceRecord Instance, WorkItemRecord Item) QueueStart(
        string instanceId, string definitionId, JsonObject input, string? correlationId,
        string? parentInstanceId, string? parentBookmarkId, bool background, DateTimeOffset now, IReadOnlyList<string>? versions = null) =>
        (new WorkflowInstanceRecord
        {
            Id = instanceId,
            DefinitionId = definitionId,
            Status = WorkflowStatus.Running,
            CorrelationId = correlationId,
            ParentInstanceId = parentInstanceId,
            ParentBookmarkId = parentBookmarkId,
            CreatedAt = now,
            UpdatedAt = now,
        },
        new WorkItemRecord
        {
            Kind = WorkItemKinds.Start,
            InstanceId = instanceId,
            Payload = StartPayload(input, versions),
            Background = background,
            CreatedAt = now,
        });

    /// <summary>What a start work item carries: the input, and the version candidates a definition activity chose (if any).</summary>
    private static string StartPayload(JsonObject input, IReadOnlyList<string>? versions)
    {
        var payload = new JsonObject { ["input"] = input.DeepClone() };
        if (versions is not null)
        {
            payload["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)v)]);
        }

        return payload.ToJsonString();
    }

    /// <summary>Whether another burst committed to the instance since it was read at <paramref name="readVersion"/>.</summary>
    private async Task<bool> ChangedSinceAsync(string instanceId, int readVersion, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await RuntimeQueries.Instance(db, instanceId, cancellationToken))?.ConcurrencyVersion != readVersion;
    }

    /// <summary>The rows one burst writes, besides its effects.</summary>
    private static async Task<BurstRows> StageAsync(WorkflowDbContext db, WorkflowInstanceRecord record, Burst burst, CancellationToken cancellationToken)
    {
        var now = burst.Now;
        record.State = WorkflowStateJson.Serialize(burst.State);
        record.Status = burst.Status;
        record.CorrelationId = burst.CorrelationId;
        record.UpdatedAt = now;
        record.FinishedAt = IsEnded(burst.Status) ? now : null;
        record.ConcurrencyVersion++;
        var rows = new BurstRows(record);

        rows.CreatedBookmarks.AddRange(burst.CreatedBookmarks.Select(bookmark => new BookmarkRecord
        {
            Id = bookmark.Id,
            InstanceId = record.Id,
            Kind = bookmark.Kind,
            Key = bookmark.Key,
            CorrelationId = bookmark.CorrelationId,
            ResumeAt = bookmark.ResumeAt,
            ActivityId = bookmark.ActivityId,
            ContextId = bookmark.ContextId,
            CreatedAt = now,
        }));
        rows.RemovedBookmarkIds.AddRange(burst.RemovedBookmarks.Select(b => b.Id));
        rows.Journal.AddRange(burst.Journal.Select(j => new JournalRecord
        {
            InstanceId = record.Id,
            Sequence = j.Sequence,
            ActivityId = j.ActivityId,
            ActivityType = j.ActivityType,
            Event = j.Event,
            StartedAt = j.StartedAt,
            CompletedAt = j.CompletedAt,
            Outcomes = j.Outcomes is null ? null : string.Join(',', j.Outcomes),
            Message = j.Message,
        }));

        foreach (var child in burst.ChildStarts)
        {
            var (instance, item) = QueueStart(child.InstanceId, child.DefinitionId, child.Input, child.CorrelationId, record.Id, child.ParentBookmarkId, !child.Inline, now, child.Versions);
            rows.ChildInstances.Add(instance);
            rows.WorkItems.Add(item);
        }

        if (IsEnded(burst.Status))
        {
            // The outcomes the instance ended with (an Elsa.Complete's, else Done) are its root's, for a definition activity.
            var outcomes = burst.Journal.LastOrDefault(j => j.ActivityId == burst.Blueprint.Root.Id && j.Event == "Completed")?.Outcomes;
            if (ParentResume(record, burst.Status, burst.State.Output, burst.State.Incidents.LastOrDefault()?.Message, now, outcomes) is { } parentResume)
            {
                rows.WorkItems.Add(parentResume);
            }

            if (burst.Status == WorkflowStatus.Cancelled)
            {
                var children = await db.Instances.AsNoTracking()
                    .Where(i => i.ParentInstanceId == record.Id && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended))
                    .Select(i => i.Id)
                    .ToListAsync(cancellationToken);
                rows.WorkItems.AddRange(children.Select(id => new WorkItemRecord { Kind = WorkItemKinds.Cancel, InstanceId = id, CreatedAt = now }));
            }

            if (burst.Status is WorkflowStatus.Finished or WorkflowStatus.Faulted)
            {
                var type = burst.Status == WorkflowStatus.Finished ? OutboxEventTypes.InstanceFinished : OutboxEventTypes.InstanceFaulted;
                rows.Outbox.Add(OutboxEvents.Create(type, record.Id, new JsonObject
                {
                    ["instanceId"] = record.Id,
                    ["definitionId"] = record.DefinitionId,
                    ["definitionVersion"] = record.DefinitionVersion,
                    ["correlationId"] = record.CorrelationId,
                    ["status"] = burst.Status.ToString(),
                    ["incident"] = burst.State.Incidents.LastOrDefault()?.Message,
                }, now));
            }
        }

        return rows;
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
        if (ParentResume(record, WorkflowStatus.Faulted, state.Output, message, now) is { } parentResume)
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

    /// <summary>The work item that tells a waiting parent how its child ended; null when no parent waits.</summary>
    private static WorkItemRecord? ParentResume(
        WorkflowInstanceRecord child, WorkflowStatus status, JsonObject output, string? message, DateTimeOffset now, IReadOnlyList<string>? outcomes = null) =>
        child.ParentInstanceId is null || child.ParentBookmarkId is null
            ? null
            : new WorkItemRecord
            {
                Kind = WorkItemKinds.Resume,
                InstanceId = child.ParentInstanceId,
                BookmarkId = child.ParentBookmarkId,
                Payload = new ChildOutcome(child.Id, status, output, message, outcomes).ToJson().ToJsonString(),
                CreatedAt = now,
            };

    private async Task DeleteWorkItemAsync(long? workItemId, CancellationToken cancellationToken)
    {
        if (workItemId is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WorkItems.Where(w => w.Id == workItemId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Schedules the burst's timers, hands its work on, and returns the instance as the caller now sees it: as the
    /// burst left it, or re-read when inline work (a child workflow that resumed it) ran after the commit.
    /// </summary>
    private async Task<InstanceView> AfterCommitAsync(CommittedBurst committed, CancellationToken cancellationToken)
    {
        await ScheduleTimersAsync(committed, cancellationToken);
        if (committed.WorkItems.Any(w => w.Background))
        {
            workSignal.Notify();
        }

        var inline = committed.WorkItems.Where(w => !w.Background).ToList();
        if (inline.Count == 0)
        {
            return View(committed.Instance, committed.State);
        }

        await ProcessAsync(inline, cancellationToken);
        return await GetAsync(committed.Instance.Id, cancellationToken);
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

    /// <summary>An explicitly requested version, which must have been published at some time.</summary>
    private static async Task<PublishedVersion> FindVersionAsync(WorkflowDbContext db, string definitionId, int number, CancellationToken cancellationToken)
    {
        var chosen = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Version == number)
            .Select(d => new { d.Id, d.PublishedAt })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"workflow definition '{definitionId}' has no version {number}");
        return chosen.PublishedAt is null
            ? throw new ConflictException($"version {number} of '{definitionId}' is a draft that was never published")
            : new PublishedVersion(chosen.Id, number);
    }

    private static bool IsEnded(WorkflowStatus status) => status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled;

    /// <summary>A committed burst: the instance row and state it left, its bookmark changes, and the work it queued.</summary>
    private sealed record CommittedBurst(
        WorkflowInstanceRecord Instance, WorkflowState State, IReadOnlyList<Bookmark> CreatedBookmarks, IReadOnlyList<Bookmark> RemovedBookmarks, IReadOnlyList<WorkItemRecord> WorkItems);
}

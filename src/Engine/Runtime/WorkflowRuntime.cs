using AiPlusTasks.Engine.Audit;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
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
    InstanceQueries queries,
    RuntimeReads reads,
    BurstRunner runner,
    WorkQueue work,
    WorkSignal workSignal,
    TimeProvider time,
    IOptions<InputLimits> limits,
    AuditTrail audit,
    ILogger<WorkflowRuntime> logger)
{

    // The front door: pages and endpoints call these with the signed-in caller, and the rule of who may do what is
    // here, once (docs/decisions/014). The overloads without a caller are the engine's own (plans, tasks, timers) and
    // authorize nothing.

    /// <summary>Starts an instance on behalf of an NDRC planner; see <see cref="StartAsync(StartWorkflowRequest, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<InstanceView> StartAsync(Caller caller, StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("start workflows");
        var started = await StartAsync(request, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.WorkflowStart, started.Id, $"{request.DefinitionId}; correlation {request.CorrelationId}", cancellationToken: CancellationToken.None);
        return started;
    }

    /// <summary>Cancels an instance on behalf of an NDRC planner; see <see cref="CancelAsync(string, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public async Task<InstanceView> CancelAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("cancel workflows");
        var cancelled = await CancelAsync(instanceId, cancellationToken);
        await audit.RecordAsync(caller, AuditActions.WorkflowCancel, instanceId, $"status {cancelled.Status}", cancellationToken: CancellationToken.None);
        return cancelled;
    }

    /// <summary>
    /// Retries a faulted instance from its faulted activity, on the instance's own version (docs/decisions/030), on behalf
    /// of an NDRC planner: the activity runs again and the flow goes on; nothing that completed runs again. The incident is
    /// kept as resolved (who, when, <c>Retried</c>, the reason) and the journal records <c>Retried</c>. Variables given
    /// are set first (fixing the data the activity faulted on); each must be one the definition declares.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="RequestValidationException">A variable the definition does not declare (named <c>variables.&lt;name&gt;</c>), or a reason too long.</exception>
    /// <exception cref="ConflictException">The instance is not faulted, or its fault is not in one activity that can run again.</exception>
    public async Task<InstanceView> RetryAsync(Caller caller, string instanceId, string? reason, JsonObject? variables = null, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("retry workflows");
        CheckReason(reason, required: false);
        if (variables is { Count: > 0 })
        {
            var definition = await queries.GetDefinitionOfAsync(instanceId, cancellationToken);
            var unknown = variables.Select(v => v.Key).FirstOrDefault(name => definition.Variables.All(d => d.Name != name));
            if (unknown is not null)
            {
                throw RequestValidationException.For($"variables.{unknown}", $"the workflow declares no variable '{unknown}'");
            }
        }

        var committed = await runner.ResolveIncidentAsync(instanceId, burst => burst.Retry(caller.Name, reason, variables), cancellationToken);
        await audit.RecordAsync(caller, AuditActions.WorkflowRetry, instanceId, reason, cancellationToken: CancellationToken.None);
        return await AfterCommitAsync(committed, cancellationToken);
    }

    /// <summary>
    /// Skips the faulted activity of an instance on behalf of an NDRC planner: it is completed with <paramref name="outcome"/>,
    /// one of its outcome ports, and the flow continues from that port. Recorded as for <see cref="RetryAsync"/>
    /// (<c>Skipped</c>, with the outcome and the reason, which is required). An <paramref name="activityId"/>, when given,
    /// names the faulted activity the caller means: another is a conflict (the instance moved on).
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="RequestValidationException"><c>outcome</c> is missing or not a port of the activity; <c>reason</c> is empty or too long.</exception>
    /// <exception cref="ConflictException">The instance is not faulted, its fault is not in one activity, or not in <paramref name="activityId"/>.</exception>
    public async Task<InstanceView> SkipAsync(Caller caller, string instanceId, string? activityId, string? outcome, string? reason, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("skip activities");
        if (string.IsNullOrWhiteSpace(outcome))
        {
            throw RequestValidationException.For("outcome", "name the outcome port the flow continues from");
        }

        CheckReason(reason, required: true);
        try
        {
            var committed = await runner.ResolveIncidentAsync(
                instanceId,
                burst =>
                {
                    if (activityId is not null && Burst.OpenIncident(burst.State).Incident.ActivityId != activityId)
                    {
                        throw new InvalidOperationException($"the open incident is not in activity '{activityId}'");
                    }

                    burst.Skip(outcome, caller.Name, reason);
                },
                cancellationToken);
            await audit.RecordAsync(caller, AuditActions.WorkflowSkip, instanceId, $"{outcome}: {reason}", cancellationToken: CancellationToken.None);
            return await AfterCommitAsync(committed, cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw RequestValidationException.For("outcome", e.Message);
        }
    }

    /// <summary>
    /// Whether a retry (<paramref name="skipOutcome"/> null) or a skip with that outcome would apply to the instance now,
    /// changing nothing (the same checks <see cref="RetryAsync"/> and <see cref="SkipAsync"/> make).
    /// </summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<IncidentCheck> CheckIncidentAsync(string instanceId, string? skipOutcome, CancellationToken cancellationToken = default)
    {
        var record = await reads.InstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        if (record.Status != WorkflowStatus.Faulted)
        {
            return IncidentCheck.NotFaulted;
        }

        try
        {
            var outcomes = await runner.SkipOutcomesAsync(record, cancellationToken);
            return skipOutcome is null || outcomes.Contains(skipOutcome, StringComparer.Ordinal) ? IncidentCheck.Resolvable : IncidentCheck.UnknownOutcome;
        }
        catch (InvalidOperationException)
        {
            return IncidentCheck.NotResolvable;
        }
    }

    /// <summary>
    /// The outcome ports a skip of the instance's open incident may take, for an NDRC planner; empty when the instance has
    /// no incident that a skip (or a retry) can resolve.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<string>> SkipOutcomesAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("skip activities");
        var record = await reads.InstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        if (record.Status != WorkflowStatus.Faulted)
        {
            return [];
        }

        try
        {
            return await runner.SkipOutcomesAsync(record, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return [];
        }
    }

    private void CheckReason(string? reason, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(reason))
        {
            throw RequestValidationException.For("reason", "give the reason");
        }

        if (reason is not null && reason.Length > limits.Value.MaxTextLength)
        {
            throw RequestValidationException.For("reason", $"reason has at most {limits.Value.MaxTextLength} characters");
        }
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
        return await queries.GetDefinitionOfAsync(instanceId, cancellationToken);
    }

    /// <summary>One page of an instance's journal, for NDRC staff and auditors; see <see cref="GetJournalAsync(string, int, int, CancellationToken)"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<Page<JournalEntry>> GetJournalAsync(Caller caller, string instanceId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("workflow journals");
        return await GetJournalAsync(instanceId, page, pageSize, cancellationToken);
    }

    /// <summary>The instances an instance started, for NDRC staff and auditors; see <see cref="InstanceQueries.ChildrenAsync"/>.</summary>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<ChildInstanceSummary>> ChildrenAsync(Caller caller, string instanceId, CancellationToken cancellationToken = default)
    {
        caller.RequireSeesAllAgencies("workflow instances");
        return await queries.ChildrenAsync(instanceId, cancellationToken);
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
            committed = await runner.RunAsync(record.Id, record, burst => burst.Start(request.Input ?? []), null, null, cancellationToken);
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
        var bookmark = await reads.BookmarkAsync(bookmarkId, cancellationToken)
            ?? throw new ConflictException($"bookmark {bookmarkId} does not exist or was already consumed");
        var committed = await runner.ResumeAsync(bookmark, payload, null, cancellationToken)
            ?? throw new ConflictException($"bookmark {bookmarkId} was already consumed");
        return await AfterCommitAsync(committed, cancellationToken);
    }

    /// <summary>Resumes a bookmark if it still exists; false when it was already consumed or removed (used by timers).</summary>
    public async Task<bool> TryResumeAsync(string bookmarkId, JsonNode? payload, CancellationToken cancellationToken = default)
    {
        var bookmark = await reads.BookmarkAsync(bookmarkId, cancellationToken);
        var committed = bookmark is null ? null : await runner.ResumeAsync(bookmark, payload, null, cancellationToken);
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
        var bookmarks = await reads.EventBookmarksAsync(name, correlationId, cancellationToken);

        var resumed = new List<string>();
        foreach (var bookmark in bookmarks)
        {
            CommittedBurst? committed;
            try
            {
                committed = await runner.ResumeAsync(bookmark, payload, null, cancellationToken);
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
        var committed = await runner.CancelAsync(instanceId, null, throwIfEnded: true, cancellationToken);
        return committed is null ? await GetAsync(instanceId, cancellationToken) : await AfterCommitAsync(committed, cancellationToken);
    }

    /// <summary>An instance as it is now.</summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public Task<InstanceView> GetAsync(string instanceId, CancellationToken cancellationToken = default) => queries.GetAsync(instanceId, cancellationToken);

    /// <summary>One page (1-based) of an instance's journal, in order.</summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    public Task<Page<JournalEntry>> GetJournalAsync(string instanceId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        queries.GetJournalAsync(instanceId, page, pageSize, cancellationToken);

    /// <summary>One page (1-based) of instances, newest first.</summary>
    public Task<Page<InstanceSummary>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default) => queries.ListAsync(query, cancellationToken);

    /// <summary>
    /// Adds to <paramref name="db"/> an instance of <paramref name="definitionId"/> (its latest published version when it
    /// runs) and the background work that starts it, so it starts if and only if the caller's transaction commits. Call
    /// <see cref="NotifyWork"/> after the commit.
    /// </summary>
    /// <returns>The new instance's id.</returns>
    public string StageStart(WorkflowDbContext db, string definitionId, JsonObject input, string? correlationId)
    {
        var (instance, item) = BurstStaging.QueueStart(Guid.NewGuid().ToString("N"), definitionId, input, correlationId, null, null, background: true, time.GetUtcNow());
        db.Instances.Add(instance);
        db.WorkItems.Add(item);
        return instance.Id;
    }

    /// <summary>Wakes the background worker after a commit that queued work.</summary>
    public void NotifyWork() => workSignal.Notify();

    /// <summary>
    /// Hands the burst's work on and returns the instance as the caller now sees it: as the burst left it, or re-read
    /// when inline work (a child workflow that resumed it) ran after the commit.
    /// </summary>
    private async Task<InstanceView> AfterCommitAsync(CommittedBurst committed, CancellationToken cancellationToken) =>
        await work.HandOnAsync(committed, cancellationToken)
            ? await GetAsync(committed.Instance.Id, cancellationToken)
            : InstanceQueries.View(committed.Instance, committed.State);

    /// <summary>An explicitly requested version, which must have been published at some time.</summary>
    internal static async Task<PublishedVersion> FindVersionAsync(WorkflowDbContext db, string definitionId, int number, CancellationToken cancellationToken)
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
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Telemetry;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Runs one burst of one instance — load, apply the stimulus under the work-item timeout, stage its rows, commit them
/// through the group commit — and runs it again from a fresh read when it lost a race (<see cref="EngineOptions.ConcurrencyRetries"/>).
/// </summary>
public sealed class BurstRunner(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    RuntimeReads reads,
    BlueprintCache blueprints,
    BurstCommitter committer,
    ActivityRegistry registry,
    ExpressionEvaluator evaluator,
    TimeProvider time,
    IOptions<EngineOptions> options,
    WorkingCalendar calendar,
    ILogger<BurstRunner> logger)
{
    private readonly InstanceCache _instances = new(InstanceCache.DefaultCapacity);
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    internal Task<CommittedBurst?> ResumeAsync(BookmarkRecord bookmark, JsonNode? payload, long? workItemId, CancellationToken cancellationToken)
    {
        var model = new Bookmark(bookmark.Id, bookmark.Kind, bookmark.Key, bookmark.CorrelationId, bookmark.ResumeAt, bookmark.ContextId, bookmark.ActivityId);
        return RunAsync(bookmark.InstanceId, null, burst => burst.Resume(model, payload?.DeepClone()), workItemId, bookmark.Id, cancellationToken);
    }

    internal async Task<CommittedBurst?> CancelAsync(string instanceId, long? workItemId, bool throwIfEnded, CancellationToken cancellationToken)
    {
        var status = (await reads.InstanceAsync(instanceId, cancellationToken))?.Status
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

        return await RunAsync(instanceId, null, burst => burst.Cancel(), workItemId, null, cancellationToken, cancelling: true);
    }

    /// <summary>
    /// Runs a stimulus that resolves a faulted instance's incident (retry, skip) on the instance's own version.
    /// </summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="ConflictException">The instance is not faulted, or its incident cannot be resolved so.</exception>
    internal async Task<CommittedBurst> ResolveIncidentAsync(string instanceId, Action<Burst> stimulus, CancellationToken cancellationToken)
    {
        var record = await reads.InstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        if (record.Status != WorkflowStatus.Faulted)
        {
            throw new ConflictException($"workflow instance '{instanceId}' is {record.Status}, not Faulted: it has no incident to resolve");
        }

        try
        {
            return await RunAsync(instanceId, null, stimulus, null, null, cancellationToken, read: record, resolvingIncident: true)
                ?? throw new ConflictException($"workflow instance '{instanceId}' changed meanwhile; try again");
        }
        catch (InvalidOperationException e)
        {
            throw new ConflictException(e.Message);
        }
    }

    /// <summary>The outcome ports a skip of the instance's open incident may take (from its committed state).</summary>
    /// <exception cref="InvalidOperationException">No open incident, or not one that a skip can resolve.</exception>
    internal async Task<IReadOnlyList<string>> SkipOutcomesAsync(WorkflowInstanceRecord record, CancellationToken cancellationToken)
    {
        var blueprint = await blueprints.GetAsync(record.DefinitionVersionId!, cancellationToken);
        return Burst.SkipOutcomes(blueprint, WorkflowStateJson.Deserialize(record.State), registry);
    }

    /// <summary>
    /// Loads the instance (this node's copy from its last burst, else the committed row), applies the stimulus, and
    /// commits everything in one transaction. Returns null when the work item or the bookmark it consumes is already
    /// gone: someone else got there first. A burst that lost a race runs again from a fresh read. A caller that has just
    /// read the instance's row passes it as <paramref name="read"/> for the first attempt.
    /// </summary>
    internal async Task<CommittedBurst?> RunAsync(
        string instanceId,
        WorkflowInstanceRecord? newRecord,
        Action<Burst> stimulus,
        long? workItemId,
        string? consumedBookmarkId,
        CancellationToken cancellationToken,
        bool cancelling = false,
        PublishedVersion? chosenVersion = null,
        WorkflowInstanceRecord? read = null,
        bool resolvingIncident = false)
    {
        var telemetry = BurstTelemetry.Start(instanceId);
        try
        {
            var committed = await RunAttemptsAsync(
                instanceId, newRecord, stimulus, workItemId, consumedBookmarkId, cancelling, chosenVersion, read, resolvingIncident, telemetry, cancellationToken);
            telemetry?.Ended(committed is not null);
            return committed;
        }
        catch (Exception e)
        {
            telemetry?.Failed(e);
            throw;
        }
    }

    private async Task<CommittedBurst?> RunAttemptsAsync(
        string instanceId,
        WorkflowInstanceRecord? newRecord,
        Action<Burst> stimulus,
        long? workItemId,
        string? consumedBookmarkId,
        bool cancelling,
        PublishedVersion? chosenVersion,
        WorkflowInstanceRecord? read,
        bool resolvingIncident,
        BurstTelemetry? telemetry,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cached = newRecord is null ? _instances.Take(instanceId) : null;
            var record = newRecord ?? cached ?? (attempt == 1 ? read : null) ?? await reads.InstanceAsync(instanceId, cancellationToken)
                ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
            if (newRecord is null && BurstStaging.IsEnded(record.Status) && !((cancelling || resolvingIncident) && record.Status == WorkflowStatus.Faulted))
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
                    ?? await reads.PublishedVersionAsync(record.DefinitionId, cancellationToken)
                    ?? throw await NoPublishedVersionAsync(record.DefinitionId, cancellationToken);
                record.DefinitionVersionId = version.Id;
                record.DefinitionVersion = version.Version;
            }

            var blueprint = await blueprints.GetAsync(record.DefinitionVersionId!, cancellationToken);
            Burst burst;
            try
            {
                burst = await RunStimulusAsync(record, blueprint, stored: newRecord is null && !starting, stimulus, cancellationToken);
            }
            catch (InvalidOperationException e) when (cached is not null)
            {
                // This node's copy was overtaken so far that the stimulus does not fit it (another node consumed the
                // bookmark it waited on and made the one being resumed): run again from the committed row.
                logger.LogDebug(e, "Burst of instance {InstanceId} did not fit this node's copy (attempt {Attempt}); reading the row", instanceId, attempt);
                continue;
            }

            var readVersion = record.ConcurrencyVersion;
            var statusBefore = record.Status;
            telemetry?.Ran(record.DefinitionId, record.DefinitionVersion, burst);
            var rows = await BurstStaging.StageAsync(dbFactory, record, burst, cancellationToken);
            try
            {
                var outcome = await committer.CommitAsync(new BurstCommit(rows, newRecord is not null, readVersion, workItemId, consumedBookmarkId, burst));
                switch (outcome)
                {
                    case CommitOutcome.Committed:
                        telemetry?.Moved(starting || newRecord is not null, statusBefore, record.Status);
                        if (!BurstStaging.IsEnded(record.Status))
                        {
                            _instances.Put(record);
                        }

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

            // Whatever this node kept of the instance is older than what won: the next attempt reads the row.
            _instances.Forget(instanceId);
            if (attempt >= options.Value.ConcurrencyRetries)
            {
                throw new ContentionException($"workflow instance '{instanceId}' kept changing concurrently; try again");
            }

            logger.LogDebug("Burst of instance {InstanceId} lost a race (attempt {Attempt}); retrying", instanceId, attempt);
        }
    }

    /// <summary>
    /// Runs the stimulus on a burst under <see cref="EngineOptions.WorkItemTimeout"/> (real clock): at the limit the burst
    /// is told to stop, and its running activity faults. A burst that may run JavaScript runs on a thread of its own (both
    /// limits count from when that thread begins), and one still running <see cref="EngineOptions.WorkItemGrace"/> later is
    /// abandoned (its thread cannot be stopped;
    /// whatever it changes is never committed) and a burst that faults the instance from its committed state takes its
    /// place. A burst of only the engine's own activities checks the stop before every step and runs at most
    /// <see cref="Burst.MaxActivitiesPerBurst"/> of them, so it runs on the caller's thread (docs/decisions/017).
    /// </summary>
    private async Task<Burst> RunStimulusAsync(
        WorkflowInstanceRecord record, WorkflowBlueprint blueprint, bool stored, Action<Burst> stimulus, CancellationToken cancellationToken)
    {
        var limit = options.Value.WorkItemTimeout;
        var now = time.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var burst = new Burst(blueprint, record.Id, record.CorrelationId, FreshState(record, stored), registry, evaluator, now, _timeZone)
        {
            WorkingDays = calendar.Current,
            Stopping = stop.Token,
            StopReason = $"stopped after {Describe(limit)}: one step of a workflow may run at most that long (Engine:WorkItemTimeout)",
        };
        if (!BlueprintScripts.MayRunScripts(blueprint))
        {
            stop.CancelAfter(limit);
            stimulus(burst);
            return burst;
        }

        // One clock for both limits: they count from the moment the burst's thread begins, so a thread that starts late
        // on a busy machine is never abandoned before its own stop came and had its grace.
        var began = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(
            () =>
            {
                stop.CancelAfter(limit);
                began.SetResult();
                stimulus(burst);
            },
            CancellationToken.None);
        try
        {
            await began.Task.WaitAsync(cancellationToken);
            await run.WaitAsync(limit + options.Value.WorkItemGrace, cancellationToken);
            return burst;
        }
        catch (TimeoutException)
        {
            var message = $"abandoned after {Describe(limit)}: one step of a workflow may run at most that long (Engine:WorkItemTimeout), and this one did not stop";
            logger.LogError("Burst of instance {InstanceId} did not stop within {Limit} and was abandoned while running activity {ActivityId}", record.Id, limit, burst.RunningActivityId);
            _ = run.ContinueWith(t => logger.LogWarning(t.Exception, "The abandoned burst of instance {InstanceId} ended", record.Id), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            var halted = new Burst(blueprint, record.Id, record.CorrelationId, FreshState(record, stored), registry, evaluator, now, _timeZone) { WorkingDays = burst.WorkingDays };
            halted.Halt(burst.RunningActivityId, message);
            return halted;
        }
    }

    /// <summary>The instance's state as last committed (a new instance's is empty).</summary>
    private static WorkflowState FreshState(WorkflowInstanceRecord record, bool stored) => stored ? WorkflowStateJson.Deserialize(record.State) : new WorkflowState();

    private static string Describe(TimeSpan limit) => limit.TotalSeconds >= 1 ? $"{limit.TotalSeconds:0.#} s" : $"{limit.TotalMilliseconds:0} ms";

    /// <summary>Why there is no published version: the definition does not exist (404) or was never published (409).</summary>
    private async Task<Exception> NoPublishedVersionAsync(string definitionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Definitions.AnyAsync(d => d.DefinitionId == definitionId, cancellationToken)
            ? new ConflictException($"workflow definition '{definitionId}' has no published version; publish it first")
            : new NotFoundException($"workflow definition '{definitionId}' does not exist");
    }

    /// <summary>Whether another burst committed to the instance since it was read at <paramref name="readVersion"/>.</summary>
    private async Task<bool> ChangedSinceAsync(string instanceId, int readVersion, CancellationToken cancellationToken)
    {
        return (await reads.InstanceAsync(instanceId, cancellationToken))?.ConcurrencyVersion != readVersion;
    }

    /// <summary>Drops this node's copy of an instance changed outside a burst (a migration), so its next burst reads the row.</summary>
    internal void Forget(string instanceId) => _instances.Forget(instanceId);

    /// <summary>Deletes a work item that has nothing left to do (null: none).</summary>
    internal async Task DeleteWorkItemAsync(long? workItemId, CancellationToken cancellationToken)
    {
        if (workItemId is null)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WorkItems.Where(w => w.Id == workItemId).ExecuteDeleteAsync(cancellationToken);
    }
}

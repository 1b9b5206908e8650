using AiPlusTasks.Engine.Audit;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Versions;

/// <summary>
/// Moves running instances to another published version of their definition (docs/decisions/031): a preview per
/// instance, and the move itself in one transaction per instance under its optimistic version — the new state (activity
/// contexts, bookmarks, join bookkeeping: <see cref="InstanceMigration"/>), the bookmark rows, the open tasks' and running
/// reviews' activities, the definition version, a journal line and the <c>instance.migrated</c> event. Bookmark ids and
/// times do not change, so the Quartz triggers of timers stay as they are and fire once, into the new version. NDRC
/// planners only.
/// </summary>
public sealed class InstanceMigrator(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    RuntimeReads reads,
    InstanceQueries queries,
    BlueprintCache blueprints,
    BurstRunner runner,
    AuditTrail audit,
    TimeProvider time)
{
    /// <summary>The most instances one preview without instance ids covers (the oldest first).</summary>
    public const int PreviewLimit = 1000;

    /// <summary>Says for each running instance of the definition (or each named one) whether it can move, and why not.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="RequestValidationException"><c>definitionId</c> or <c>targetVersion</c> unknown, <c>mapping.&lt;from&gt;</c> names a missing activity.</exception>
    public async Task<IReadOnlyList<MigrationPreviewItem>> PreviewAsync(Caller caller, MigrationPreviewRequest request, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("migrate workflow instances");
        if (string.IsNullOrWhiteSpace(request.DefinitionId))
        {
            throw RequestValidationException.For("definitionId", "definitionId is required");
        }

        var target = await TargetAsync(request.DefinitionId, request.TargetVersion, request.Mapping, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Instances.AsNoTracking().Where(i => i.DefinitionId == request.DefinitionId);
        if (request.InstanceIds is { Count: > 0 } ids)
        {
            rows = rows.Where(i => ids.Contains(i.Id));
        }
        else
        {
            rows = rows.Where(i => i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended);
        }

        var instances = await rows.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(PreviewLimit).ToListAsync(cancellationToken);
        var items = new List<MigrationPreviewItem>();
        foreach (var instance in instances)
        {
            var (plan, refusal) = await PlanAsync(instance, target, request.Mapping, cancellationToken);
            items.Add(new MigrationPreviewItem(
                instance.Id,
                instance.DefinitionVersion,
                refusal is null && plan is { CanMove: true },
                refusal is not null ? [refusal] : plan?.Refusals ?? []));
        }

        return items;
    }

    /// <summary>Moves one instance to <paramref name="targetVersion"/>; an instance already on it is left as it is.</summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="RequestValidationException"><c>targetVersion</c> unknown, or <c>mapping.&lt;from&gt;</c> names a missing activity.</exception>
    /// <exception cref="ConflictException">The instance is not running, or cannot move (the message gives every reason).</exception>
    public async Task<InstanceView> MigrateAsync(Caller caller, string instanceId, int? targetVersion, IReadOnlyDictionary<string, string?> mapping, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("migrate workflow instances");
        var instance = await reads.InstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        var target = await TargetAsync(instance.DefinitionId, targetVersion, mapping, cancellationToken);
        var outcome = await MoveAsync(caller, instance, target, mapping, cancellationToken);
        return outcome.Result == MigrationResult.Refused
            ? throw new ConflictException($"workflow instance '{instanceId}' cannot move to version {targetVersion}: {string.Join("; ", outcome.Reasons.Select(r => r.En))}")
            : await queries.GetAsync(instanceId, cancellationToken);
    }

    /// <summary>The most running instances of each source version <see cref="MappingChoicesAsync"/> reads.</summary>
    public const int ChoicesScanLimit = 5000;

    /// <summary>
    /// What the mapping editor shows: every activity of <paramref name="sourceVersions"/> in which a running instance holds
    /// something (a bookmark, a timer, an open task, a running child or container, branches joining), with how many hold it
    /// there, and every activity of the target version (but its root). Unknown source versions have nothing running.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    /// <exception cref="RequestValidationException"><c>targetVersion</c> is not a published version of the definition.</exception>
    public async Task<MigrationMappingChoices> MappingChoicesAsync(
        Caller caller, string definitionId, IReadOnlyList<int> sourceVersions, int targetVersion, CancellationToken cancellationToken = default)
    {
        caller.RequireNdrcPlanner("migrate workflow instances");
        var target = await TargetAsync(definitionId, targetVersion, new Dictionary<string, string?>(), cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && sourceVersions.Contains(d.Version) && d.Id != target.Version.Id)
            .OrderBy(d => d.Version).Select(d => d.Id).ToListAsync(cancellationToken);
        var sources = new Dictionary<string, (ActivityNodeLabel Node, int Instances)>(StringComparer.Ordinal);
        foreach (var versionId in versions)
        {
            var source = await blueprints.GetAsync(versionId, cancellationToken);
            var states = await db.Instances.AsNoTracking()
                .Where(i => i.DefinitionVersionId == versionId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended))
                .OrderBy(i => i.CreatedAt).Take(ChoicesScanLimit).Select(i => i.State).ToListAsync(cancellationToken);
            foreach (var state in states)
            {
                foreach (var id in InstanceMigration.ActivitiesHoldingState(WorkflowStateJson.Deserialize(state)).Where(id => id != source.Root.Id))
                {
                    var node = source.Activity(id);
                    sources[id] = (sources.TryGetValue(id, out var seen) ? seen.Node : new ActivityNodeLabel(InstanceMigration.Label(node), node.Type), seen.Instances + 1);
                }
            }
        }

        return new MigrationMappingChoices(
            [.. sources.Select(s => new MigrationSourceActivity(s.Key, s.Value.Node.Label, s.Value.Node.Type, s.Value.Instances, target.Blueprint.Contains(s.Key) ? s.Key : null))],
            [.. target.Blueprint.Definition.AllActivities().Where(a => a.Id != target.Blueprint.Root.Id).Select(a => new MigrationActivityChoice(a.Id, InstanceMigration.Label(a), a.Type))]);
    }

    private sealed record ActivityNodeLabel(string Label, string Type);

    /// <summary>
    /// Moves one instance if it can, for the bulk operation: refusals are answered, not thrown. Authorizes nothing.
    /// </summary>
    /// <exception cref="NotFoundException">No such instance.</exception>
    /// <exception cref="RequestValidationException">The definition has no such published version, or the mapping names a missing activity.</exception>
    internal async Task<MigrationOutcome> TryMigrateAsync(Caller caller, string instanceId, int targetVersion, IReadOnlyDictionary<string, string?> mapping, bool apply, CancellationToken cancellationToken)
    {
        var instance = await reads.InstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"workflow instance '{instanceId}' does not exist");
        var target = await TargetAsync(instance.DefinitionId, targetVersion, mapping, cancellationToken);
        if (apply)
        {
            return await MoveAsync(caller, instance, target, mapping, cancellationToken);
        }

        var (plan, refusal) = await PlanAsync(instance, target, mapping, cancellationToken);
        return Outcome(instance, target, plan, refusal) ?? new MigrationOutcome(MigrationResult.Moved, []);
    }

    /// <summary>How a planned move ends when it cannot be written: already there, or refused; null when it can move.</summary>
    private static MigrationOutcome? Outcome(WorkflowInstanceRecord instance, TargetVersion target, MigrationPlan? plan, MigrationRefusal? refusal) =>
        instance.DefinitionVersionId == target.Version.Id && instance.Status is WorkflowStatus.Running or WorkflowStatus.Suspended
            ? new MigrationOutcome(MigrationResult.AlreadyOnTarget, [AlreadyThere(target.Version.Version)])
            : refusal is not null ? new MigrationOutcome(MigrationResult.Refused, [refusal])
            : plan is { CanMove: false } ? new MigrationOutcome(MigrationResult.Refused, plan.Refusals)
            : null;

    /// <summary>The target version, checked: published, and every activity the mapping names exists in it.</summary>
    private async Task<TargetVersion> TargetAsync(string definitionId, int? number, IReadOnlyDictionary<string, string?> mapping, CancellationToken cancellationToken)
    {
        if (number is not { } version)
        {
            throw RequestValidationException.For("targetVersion", "targetVersion is required");
        }

        PublishedVersion chosen;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            chosen = await WorkflowRuntime.FindVersionAsync(db, definitionId, version, cancellationToken);
        }
        catch (Exception e) when (e is NotFoundException or ConflictException)
        {
            throw RequestValidationException.For("targetVersion", $"'{definitionId}' has no published version {version}");
        }

        var blueprint = await blueprints.GetAsync(chosen.Id, cancellationToken);
        var errors = mapping
            .Where(m => m.Value is not null && !blueprint.Contains(m.Value))
            .ToDictionary(m => $"mapping.{m.Key}", m => new[] { $"version {version} has no activity '{m.Value}'" }, StringComparer.Ordinal);
        return errors.Count > 0 ? throw new RequestValidationException(errors) : new TargetVersion(chosen, blueprint);
    }

    /// <summary>The plan of one instance's move, or the reason it has none (not running, already there).</summary>
    private async Task<(MigrationPlan? Plan, MigrationRefusal? Refusal)> PlanAsync(
        WorkflowInstanceRecord instance, TargetVersion target, IReadOnlyDictionary<string, string?> mapping, CancellationToken cancellationToken)
    {
        if (instance.Status is not (WorkflowStatus.Running or WorkflowStatus.Suspended) || instance.DefinitionVersionId is null)
        {
            return (null, new MigrationRefusal(
                "",
                $"实例状态为{StatusZh(instance.Status)}，只有运行中的实例可以迁移",
                $"the instance is {instance.Status}; only running instances move"));
        }

        if (instance.DefinitionVersionId == target.Version.Id)
        {
            return (null, AlreadyThere(target.Version.Version));
        }

        var source = await blueprints.GetAsync(instance.DefinitionVersionId, cancellationToken);
        return (InstanceMigration.Plan(WorkflowStateJson.Deserialize(instance.State), source, target.Blueprint, mapping), null);
    }

    /// <summary>The move, retried from a fresh read when a burst committed in between.</summary>
    private async Task<MigrationOutcome> MoveAsync(
        Caller caller, WorkflowInstanceRecord instance, TargetVersion target, IReadOnlyDictionary<string, string?> mapping, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (plan, refusal) = await PlanAsync(instance, target, mapping, cancellationToken);
            if (Outcome(instance, target, plan, refusal) is { } unmoved)
            {
                return unmoved;
            }

            if (await WriteAsync(caller, instance, target, plan!.State!, cancellationToken))
            {
                runner.Forget(instance.Id);
                await audit.RecordAsync(
                    caller, AuditActions.WorkflowMigrate, instance.Id, $"version {instance.DefinitionVersion} → {target.Version.Version}", cancellationToken: CancellationToken.None);
                return new MigrationOutcome(MigrationResult.Moved, []);
            }

            if (attempt >= 5)
            {
                throw new ContentionException($"workflow instance '{instance.Id}' kept changing while it was migrated; try again");
            }

            instance = await reads.InstanceAsync(instance.Id, cancellationToken)
                ?? throw new NotFoundException($"workflow instance '{instance.Id}' does not exist");
        }
    }

    /// <summary>Writes the move in one transaction; false when the instance changed since it was read.</summary>
    private async Task<bool> WriteAsync(Caller caller, WorkflowInstanceRecord instance, TargetVersion target, WorkflowState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var before = WorkflowStateJson.Deserialize(instance.State);
        var moved = before.Contexts.Values
            .Where(c => state.Contexts[c.Id].ActivityId != c.ActivityId)
            .ToDictionary(c => c.ActivityId, c => state.Contexts[c.Id].ActivityId, StringComparer.Ordinal);
        var root = target.Blueprint.Root;
        var message = $"迁移：版本 {instance.DefinitionVersion} → 版本 {target.Version.Version}，由 {caller.Name} 执行 / migrated from version {instance.DefinitionVersion} to version {target.Version.Version} by {caller.Name}"
            + (moved.Count == 0 ? "" : $" ({string.Join(", ", moved.Select(m => $"{m.Key} → {m.Value}"))})");
        state.JournalSequence++;
        var json = WorkflowStateJson.Serialize(state);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var written = await db.Instances
            .Where(i => i.Id == instance.Id && i.ConcurrencyVersion == instance.ConcurrencyVersion)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.State, json)
                    .SetProperty(i => i.DefinitionVersionId, target.Version.Id)
                    .SetProperty(i => i.DefinitionVersion, target.Version.Version)
                    .SetProperty(i => i.UpdatedAt, now)
                    .SetProperty(i => i.ConcurrencyVersion, instance.ConcurrencyVersion + 1),
                cancellationToken);
        if (written == 0)
        {
            return false;
        }

        foreach (var bookmark in state.Contexts.Values.SelectMany(c => c.Bookmarks).Where(b => moved.ContainsValue(b.ActivityId)))
        {
            await db.Bookmarks.Where(b => b.Id == bookmark.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.ActivityId, bookmark.ActivityId), cancellationToken);
        }

        if (moved.Count > 0)
        {
            var from = moved.Keys.ToList();
            var tasks = await db.Tasks.Where(t => t.InstanceId == instance.Id && from.Contains(t.ActivityId) && (t.State == TaskState.Open || t.State == TaskState.Claimed))
                .Select(t => new { t.Id, t.ActivityId }).ToListAsync(cancellationToken);
            foreach (var task in tasks)
            {
                var place = moved[task.ActivityId];
                await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ActivityId, place), cancellationToken);
            }

            var reviews = await db.Reviews.Where(r => r.InstanceId == instance.Id && from.Contains(r.ActivityId)).Select(r => new { r.Id, r.ActivityId }).ToListAsync(cancellationToken);
            foreach (var review in reviews)
            {
                var place = moved[review.ActivityId];
                await db.Reviews.Where(r => r.Id == review.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ActivityId, place), cancellationToken);
            }
        }

        db.Journal.Add(new JournalRecord
        {
            InstanceId = instance.Id,
            Sequence = state.JournalSequence,
            ActivityId = root.Id,
            ActivityType = root.Type,
            Event = MigratedEvent,
            StartedAt = now,
            CompletedAt = now,
            Message = message,
        });
        db.Outbox.Add(OutboxEvents.Create(OutboxEventTypes.InstanceMigrated, instance.Id, new JsonObject
        {
            ["instanceId"] = instance.Id,
            ["definitionId"] = instance.DefinitionId,
            ["fromVersion"] = instance.DefinitionVersion,
            ["toVersion"] = target.Version.Version,
            ["correlationId"] = instance.CorrelationId,
            ["by"] = caller.Name,
            ["moved"] = new JsonObject([.. moved.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))]),
        }, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The journal event of a migration.</summary>
    public const string MigratedEvent = "Migrated";

    internal static MigrationRefusal AlreadyThere(int version) =>
        new("", $"实例已在版本 {version} 上", $"the instance is already on version {version}");

    private static string StatusZh(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Finished => "已完成",
        WorkflowStatus.Faulted => "出错",
        WorkflowStatus.Cancelled => "已取消",
        _ => "尚未开始",
    };

    private sealed record TargetVersion(PublishedVersion Version, WorkflowBlueprint Blueprint);
}

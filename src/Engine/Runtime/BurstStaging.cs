using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Turns a burst into the rows it writes besides its effects: the instance with its new state, bookmarks made and
/// removed, journal, queued child starts, the parent's resume when it ended, and outbox events.
/// </summary>
internal static class BurstStaging
{
    /// <summary>The rows one burst writes, besides its effects.</summary>
    public static async Task<BurstRows> StageAsync(IDbContextFactory<WorkflowDbContext> dbFactory, WorkflowInstanceRecord record, Burst burst, CancellationToken cancellationToken)
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
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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

    /// <summary>A not-yet-started instance row and the work item that starts it.</summary>
    public static (WorkflowInstanceRecord Instance, WorkItemRecord Item) QueueStart(
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

    /// <summary>The work item that tells a waiting parent how its child ended; null when no parent waits.</summary>
    public static WorkItemRecord? ParentResume(
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

    public static bool IsEnded(WorkflowStatus status) => status is WorkflowStatus.Finished or WorkflowStatus.Faulted or WorkflowStatus.Cancelled;
}

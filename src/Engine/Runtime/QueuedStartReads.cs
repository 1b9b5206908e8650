using System.Collections.Concurrent;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using Microsoft.EntityFrameworkCore;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// What the queued starts of one claimed batch read at once before they run: their instances' rows and their
/// definitions' published versions (docs/decisions/022). Each row is handed to one start only (taken), since the burst
/// changes it; a start that finds nothing here — inline work caused by the batch, a second start of one instance —
/// reads for itself. Rows read here may be stale by the time a start runs: the burst commits only if the row is still
/// at the version read and its work item still exists, exactly as with a row it read itself.
/// </summary>
internal sealed class QueuedStartReads
{
    /// <summary>Nothing read ahead: every start reads for itself.</summary>
    public static readonly QueuedStartReads None = new([], [], []);

    private readonly ConcurrentDictionary<string, WorkflowInstanceRecord?> _instances;
    private readonly Dictionary<string, PublishedVersion?> _published;

    private QueuedStartReads(
        IEnumerable<string> instanceIds, Dictionary<string, WorkflowInstanceRecord> instances, Dictionary<string, PublishedVersion?> published)
    {
        _instances = new(instanceIds.Select(id => KeyValuePair.Create(id, instances.GetValueOrDefault(id))), StringComparer.Ordinal);
        _published = published;
    }

    /// <summary>
    /// Reads the rows of the instances that <paramref name="items"/> start, the published versions of those not started
    /// yet, and warms the blueprints of those versions: one statement per <see cref="RowReader.MaxAnyOf"/>
    /// instances, one per as many definitions, and one read per version not parsed yet (on a connection of its own).
    /// </summary>
    public static async Task<QueuedStartReads> ReadAsync(
        IReadOnlyCollection<WorkItemRecord> items,
        RuntimeReads reads,
        BlueprintCache blueprints,
        CancellationToken cancellationToken)
    {
        var instanceIds = items.Where(i => i.Kind == WorkItemKinds.Start).Select(i => i.InstanceId).Distinct(StringComparer.Ordinal).ToList();
        if (instanceIds.Count == 0)
        {
            return None;
        }

        var instances = await reads.InstancesAsync(instanceIds, cancellationToken);
        var definitionIds = instances.Values.Where(i => i.DefinitionVersionId is null).Select(i => i.DefinitionId).Distinct(StringComparer.Ordinal).ToList();
        var published = definitionIds.Count == 0 ? [] : await reads.PublishedVersionsAsync(definitionIds, cancellationToken);
        foreach (var version in published.Values)
        {
            await blueprints.GetAsync(version.Id, cancellationToken);
        }

        return new QueuedStartReads(instanceIds, instances, definitionIds.ToDictionary(id => id, id => published.GetValueOrDefault(id), StringComparer.Ordinal));
    }

    /// <summary>
    /// True when the instance's row was read here and not taken yet: then <paramref name="record"/> is that row, or null
    /// when the instance did not exist.
    /// </summary>
    public bool TryTakeInstance(string instanceId, out WorkflowInstanceRecord? record) => _instances.TryRemove(instanceId, out record);

    /// <summary>True when the definition's published version was read here: then <paramref name="version"/> is it, or null when none was published.</summary>
    public bool TryGetPublished(string definitionId, out PublishedVersion? version) => _published.TryGetValue(definitionId, out version);
}

using AiPlusTasks.Engine.Persistence.Records;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>
/// Instance rows as this node last committed them, kept between bursts of the same instance so the next burst need not
/// read the row (docs/decisions/017). The row's <see cref="WorkflowInstanceRecord.ConcurrencyVersion"/> is the guard: a
/// burst that starts from a copy another burst or node has since overtaken fails its version check at commit and runs
/// again from a fresh read. A burst takes its entry (it is removed) and puts its row back only once it committed, so
/// two bursts never start from one copy and a burst that failed leaves nothing behind. Holds at most its capacity of
/// rows, dropping the least recently used.
/// </summary>
internal sealed class InstanceCache(int capacity)
{
    /// <summary>The engine's capacity: the instances whose bursts follow each other closely, not every live instance.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Dictionary<string, LinkedListNode<WorkflowInstanceRecord>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<WorkflowInstanceRecord> _recent = [];
    private readonly Lock _lock = new();

    /// <summary>Removes and returns the instance's row, or null when none is kept.</summary>
    public WorkflowInstanceRecord? Take(string instanceId)
    {
        lock (_lock)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _recent.Remove(node);
            return node.Value;
        }
    }

    /// <summary>Keeps a copy of a row just committed, replacing any older one.</summary>
    public void Put(WorkflowInstanceRecord committed)
    {
        var copy = Copy(committed);
        lock (_lock)
        {
            if (_entries.Remove(copy.Id, out var old))
            {
                _recent.Remove(old);
            }
            else if (_entries.Count >= capacity)
            {
                _entries.Remove(_recent.Last!.Value.Id);
                _recent.RemoveLast();
            }

            _entries.Add(copy.Id, _recent.AddFirst(copy));
        }
    }

    /// <summary>Drops the instance's row, if kept.</summary>
    public void Forget(string instanceId) => Take(instanceId);

    private static WorkflowInstanceRecord Copy(WorkflowInstanceRecord row) => new()
    {
        Id = row.Id,
        DefinitionId = row.DefinitionId,
        DefinitionVersionId = row.DefinitionVersionId,
        DefinitionVersion = row.DefinitionVersion,
        Status = row.Status,
        CorrelationId = row.CorrelationId,
        ParentInstanceId = row.ParentInstanceId,
        ParentBookmarkId = row.ParentBookmarkId,
        State = row.State,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        FinishedAt = row.FinishedAt,
        ConcurrencyVersion = row.ConcurrencyVersion,
    };
}

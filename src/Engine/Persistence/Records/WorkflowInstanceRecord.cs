using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One instance; its <see cref="State"/> is the JSON of <see cref="WorkflowState"/>.</summary>
public sealed class WorkflowInstanceRecord
{
    public required string Id { get; set; }

    public required string DefinitionId { get; set; }

    /// <summary>The pinned definition version id; null until a dispatched child's start resolves it.</summary>
    public string? DefinitionVersionId { get; set; }

    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? CorrelationId { get; set; }

    public string? ParentInstanceId { get; set; }

    /// <summary>The parent's bookmark to resume when this instance ends; null when the parent does not wait.</summary>
    public string? ParentBookmarkId { get; set; }

    public string State { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented by every committed burst.</summary>
    public int ConcurrencyVersion { get; set; }
}

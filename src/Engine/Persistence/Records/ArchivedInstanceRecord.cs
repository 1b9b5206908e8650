using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// What is left in the database of an instance retention archived (README, "Retention"): enough to answer its id with
/// 410 Gone and to say which archive file holds it. Never pruned.
/// </summary>
public sealed class ArchivedInstanceRecord
{
    public required string InstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public int DefinitionVersion { get; set; }

    /// <summary>How the instance ended (<see cref="WorkflowStatus.Finished"/> or <see cref="WorkflowStatus.Cancelled"/>).</summary>
    public WorkflowStatus Status { get; set; }

    public string? CorrelationId { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }

    /// <summary>The archive file's name (in <c>Retention:ArchiveFolder</c>) holding the instance, its journal and its tasks.</summary>
    public required string ArchiveFile { get; set; }
}

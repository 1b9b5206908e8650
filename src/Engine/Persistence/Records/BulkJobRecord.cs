using AiPlusTasks.Engine.Bulk;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A bulk job (docs/decisions/029): an operation applied to the items its filter selected when it was made.</summary>
public sealed class BulkJobRecord
{
    public required string Id { get; set; }

    /// <summary>The operation's name (<see cref="IBulkOperation.Name"/>).</summary>
    public required string Operation { get; set; }

    public BulkTarget Target { get; set; }

    /// <summary>The filter the items were selected by, as JSON (kept for the report; the items themselves are frozen).</summary>
    public required string Filter { get; set; }

    /// <summary>The operation's parameters, as JSON.</summary>
    public required string Parameters { get; set; }

    /// <summary>Who made it; the runner applies every item as them.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>The creator's agency when it was made.</summary>
    public required string CreatedByAgency { get; set; }

    /// <summary>The creator's roles when it was made, space-separated.</summary>
    public required string CreatedByRoles { get; set; }

    public BulkJobStatus Status { get; set; }

    public int Total { get; set; }

    public int Succeeded { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Who cancelled it, when it was cancelled.</summary>
    public string? CancelledBy { get; set; }
}

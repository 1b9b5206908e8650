using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>A bulk job and its progress.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="Operation">The operation's name.</param>
/// <param name="Target">Instances or tasks.</param>
/// <param name="Status">Running, finished or cancelled.</param>
/// <param name="Total">Items frozen into the job.</param>
/// <param name="Done">Items applied so far (succeeded + skipped + failed).</param>
/// <param name="Succeeded">Items changed.</param>
/// <param name="Skipped">Items left as they were, for a reason.</param>
/// <param name="Failed">Items the operation refused or failed on.</param>
/// <param name="Filter">The filter the items were selected by.</param>
/// <param name="Parameters">The operation's parameters.</param>
/// <param name="CreatedBy">Who made it (the items are applied as them).</param>
/// <param name="CreatedAt">When.</param>
/// <param name="FinishedAt">When it finished or was cancelled.</param>
/// <param name="CancelledBy">Who cancelled it.</param>
public sealed record BulkJobView(
    string Id,
    string Operation,
    BulkTarget Target,
    BulkJobStatus Status,
    int Total,
    int Done,
    int Succeeded,
    int Skipped,
    int Failed,
    BulkFilter Filter,
    JsonObject Parameters,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? CancelledBy);

/// <summary>One item of a job's report.</summary>
/// <param name="Sequence">Its place in the job, from 1.</param>
/// <param name="ItemId">The instance's or task's id.</param>
/// <param name="Status">Its outcome; null while not yet applied.</param>
/// <param name="Reason">Why it was skipped or failed, or what changed.</param>
/// <param name="DoneAt">When it was applied.</param>
public sealed record BulkJobItemView(int Sequence, string ItemId, BulkItemStatus? Status, BulkText? Reason, DateTimeOffset? DoneAt);

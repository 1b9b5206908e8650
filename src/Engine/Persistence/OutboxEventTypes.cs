using System.Reflection;

namespace AiPlusTasks.Engine.Persistence;

/// <summary>
/// Every type of domain event the engine writes to the outbox (and so sends to webhook subscribers). Writers name a
/// constant here; <see cref="All"/> is read from these constants, so a new type is known the moment it is declared,
/// and <see cref="OutboxEvents"/> refuses a type that is not declared.
/// </summary>
public static class OutboxEventTypes
{
    /// <summary>A task was issued to an agency (its escalation rungs already due follow at once).</summary>
    public const string TaskCreated = "task.created";

    /// <summary>A person claimed a task (签收).</summary>
    public const string TaskClaimed = "task.claimed";

    /// <summary>A task moved to another agency or user.</summary>
    public const string TaskReassigned = "task.reassigned";

    /// <summary>A progress report was added to a task.</summary>
    public const string TaskProgressReported = "task.progress_reported";

    /// <summary>A task was completed with the outcome <c>Submitted</c> (after <see cref="TaskCompleted"/>).</summary>
    public const string TaskSubmitted = "task.submitted";

    /// <summary>A task was completed with the outcome <c>Returned</c> (after <see cref="TaskCompleted"/>).</summary>
    public const string TaskReturned = "task.returned";

    /// <summary>A task was completed with the outcome <c>Approved</c> (after <see cref="TaskCompleted"/>).</summary>
    public const string TaskApproved = "task.approved";

    /// <summary>A task was completed with the outcome <c>Closed</c> (after <see cref="TaskCompleted"/>).</summary>
    public const string TaskClosed = "task.closed";

    /// <summary>A task was completed, whatever its outcome.</summary>
    public const string TaskCompleted = "task.completed";

    /// <summary>The workflow stopped waiting for a task.</summary>
    public const string TaskCancelled = "task.cancelled";

    /// <summary>A rung of a task's escalation ladder was applied, or a workflow escalated the task.</summary>
    public const string TaskEscalated = "task.escalated";

    /// <summary>An NDRC supervisor or planner urged a task by hand (催办) with a message.</summary>
    public const string TaskUrged = "task.urged";

    /// <summary>NDRC staff moved a task's due time, with a reason (<c>from</c>, <c>dueAt</c>, <c>reason</c>, <c>by</c>).</summary>
    public const string TaskDueExtended = "task.due_extended";

    /// <summary>A task's colour changed.</summary>
    public const string TaskColourChanged = "task.colour_changed";

    /// <summary>A reviewer of a joint review decided (approved, returned or abstained).</summary>
    public const string ReviewDecided = "review.decided";

    /// <summary>A reviewer was added to a running joint review (加签).</summary>
    public const string ReviewReviewerAdded = "review.reviewer_added";

    /// <summary>A reviewer was removed from a running joint review (减签).</summary>
    public const string ReviewReviewerRemoved = "review.reviewer_removed";

    /// <summary>A joint review reached its outcome (approved or returned) or was cancelled with its workflow.</summary>
    public const string ReviewCompleted = "review.completed";

    /// <summary>A co-unit submitted its part (协办) of a lead unit's task: sent to the co-unit and the lead unit.</summary>
    public const string TaskCoUnitReported = "task.co_unit_reported";

    /// <summary>The lead unit submitted its task before every co-unit had reported, with a reason (sent to the lead unit and the co-units still pending).</summary>
    public const string TaskCoUnitsOverridden = "task.co_units_overridden";

    /// <summary>A workflow instance finished.</summary>
    public const string InstanceFinished = "instance.finished";

    /// <summary>A workflow instance faulted.</summary>
    public const string InstanceFaulted = "instance.faulted";

    /// <summary>A running workflow instance was moved to another published version of its definition (from, to, by whom).</summary>
    public const string InstanceMigrated = "instance.migrated";

    /// <summary>A plan rolled to a new version.</summary>
    public const string PlanVersionPublished = "plan.version.published";

    /// <summary>A user (or their lead for them) named a substitute for a date range (代理), to the agency.</summary>
    public const string DelegationCreated = "delegation.created";

    /// <summary>A delegation was revoked before its end, to the agency.</summary>
    public const string DelegationRevoked = "delegation.revoked";

    /// <summary>A bulk job applied its last item (sent to NDRC only), with its counts.</summary>
    public const string BulkJobFinished = "bulk_job.finished";

    /// <summary>Every type above, in the order declared.</summary>
    public static readonly IReadOnlyList<string> All = [.. typeof(OutboxEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .OrderBy(f => f.MetadataToken)
        .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>The event a task's completion with <paramref name="outcome"/> adds after <see cref="TaskCompleted"/>; null for other outcomes.</summary>
    public static string? ForOutcome(string outcome) => outcome switch
    {
        "Submitted" => TaskSubmitted,
        "Returned" => TaskReturned,
        "Approved" => TaskApproved,
        "Closed" => TaskClosed,
        _ => null,
    };
}

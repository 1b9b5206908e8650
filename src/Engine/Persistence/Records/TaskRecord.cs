using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A human task: made by an <c>AiPlus.HumanTask</c> activity, completed through the inbox or an agency system.</summary>
public sealed class TaskRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string DefinitionId { get; set; }

    public required string ActivityId { get; set; }

    /// <summary>The bookmark completing the task resumes.</summary>
    public required string BookmarkId { get; set; }

    public string? CorrelationId { get; set; }

    /// <summary>The title in Chinese (the default language).</summary>
    public required string Title { get; set; }

    /// <summary>The title in English; null when the workflow gave one text for both languages.</summary>
    public string? TitleEn { get; set; }

    /// <summary>The description in Chinese (the default language).</summary>
    public string? Description { get; set; }

    /// <summary>The description in English; null when the workflow gave one text (or none) for both languages.</summary>
    public string? DescriptionEn { get; set; }

    /// <summary>What kind of work: task, report, review, decision, closure, verification.</summary>
    public required string Kind { get; set; }

    public required string AgencyCode { get; set; }

    /// <summary>Role within the agency that may act (<c>staff</c> or <c>lead</c>); null for anyone of the agency.</summary>
    public string? AssigneeRole { get; set; }

    /// <summary>A named user the task is assigned to; null for the agency's pool.</summary>
    public string? AssigneeUser { get; set; }

    public string? ClaimedBy { get; set; }

    public TaskState State { get; set; }

    public TaskColour Colour { get; set; }

    /// <summary>1 urgent … 4 low. Default 3 (normal).</summary>
    public int Priority { get; set; } = 3;

    /// <summary>Catalog code of the pillar or item.</summary>
    public string? Pillar { get; set; }

    public string? PlanId { get; set; }

    public string? LeadAgencyCode { get; set; }

    /// <summary>
    /// For a co-unit's sub-task (协办, kind <c>contribution</c>): the lead unit's task it contributes to, issued in the same
    /// burst by the same activity; null for every other task.
    /// </summary>
    public string? ParentTaskId { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The outcome ports completing may choose, JSON array.</summary>
    public required string Outcomes { get; set; }

    /// <summary>JSON Schema of the completion data; null for none.</summary>
    public string? Schema { get; set; }

    /// <summary>Values to pre-fill the completion form with (e.g. the last report), JSON.</summary>
    public string? Prefill { get; set; }

    /// <summary>How many times the work behind this task was returned before it was issued.</summary>
    public int ReturnCount { get; set; }

    public string? ReturnReason { get; set; }

    /// <summary>Highest escalation step reached (0 none).</summary>
    public int EscalationLevel { get; set; }

    /// <summary>The action (reminder, urge, notice, interview, circular) that took the task to <see cref="EscalationLevel"/>; null at level 0.</summary>
    public string? EscalationAction { get; set; }

    /// <summary>
    /// The task's escalation ladder as issued, JSON: <c>[{"level":1,"action":"reminder","at":"…"}]</c> in ladder order,
    /// each rung at its absolute time; null when the task has none.
    /// </summary>
    public string? EscalationLadder { get; set; }

    public string? Outcome { get; set; }

    /// <summary>Completion data, JSON.</summary>
    public string? Result { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Optimistic concurrency token.</summary>
    public int ConcurrencyVersion { get; set; }
}

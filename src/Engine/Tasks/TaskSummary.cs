namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// A task as the inbox lists it. <see cref="EscalationLevel"/> is the highest escalation level reached (0: none) and
/// <see cref="EscalationAction"/> the supervision action that reached it (reminder, urge, notice, interview, circular).
/// </summary>
public sealed record TaskSummary(
    string Id,
    string Title,
    string Kind,
    string AgencyCode,
    string? LeadAgencyCode,
    string? Pillar,
    string? PlanId,
    TaskState State,
    TaskColour Colour,
    int Priority,
    DateTimeOffset? DueAt,
    string? AssigneeUser,
    string? ClaimedBy,
    int ReturnCount,
    int EscalationLevel,
    DateTimeOffset CreatedAt,
    string? EscalationAction);

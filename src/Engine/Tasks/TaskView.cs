using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// One task in full: what a person or an agency system needs to act on it the same way — its <see cref="Outcomes"/>,
/// the JSON Schema of its completion data (<see cref="Schema"/>), values to pre-fill, history, reports, and its
/// <see cref="Escalation"/> (the supervision actions taken and the ladder's rungs to come).
/// </summary>
public sealed record TaskView(
    TaskSummary Summary,
    string? Description,
    string InstanceId,
    string DefinitionId,
    string ActivityId,
    string? CorrelationId,
    string? AssigneeRole,
    IReadOnlyList<string> Outcomes,
    JsonNode? Schema,
    JsonNode? Prefill,
    string? ReturnReason,
    string? Outcome,
    JsonNode? Result,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<TaskHistoryEntry> History,
    IReadOnlyList<ProgressReportView> Reports,
    TaskEscalation Escalation);

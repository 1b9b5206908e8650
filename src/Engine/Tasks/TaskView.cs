using System.Globalization;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// One task in full: what a person or an agency system needs to act on it the same way — its <see cref="Outcomes"/>,
/// the JSON Schema of its completion data (<see cref="Schema"/>), values to pre-fill, history, reports.
/// <see cref="Description"/> is Chinese, <see cref="DescriptionEn"/> English (null when the workflow gave one text).
/// </summary>
public sealed record TaskView(
    TaskSummary Summary,
    string? Description,
    string? DescriptionEn,
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
    IReadOnlyList<ProgressReportView> Reports)
{
    /// <summary>The description in the culture's language (default: the current UI culture); English falls back to Chinese.</summary>
    public string? DescriptionIn(CultureInfo? culture = null) => Description is null ? null : DisplayNames.Pick(Description, DescriptionEn, culture);
}

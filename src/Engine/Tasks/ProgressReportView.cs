using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>A stored progress report.</summary>
public sealed record ProgressReportView(
    int Sequence,
    string ReportedBy,
    DateTimeOffset ReportedAt,
    string? Done,
    string? Next,
    string? Problems,
    string? SupportNeeded,
    int ProgressPercent,
    JsonNode? IndicatorActuals,
    TaskColour SelfColour,
    int Confidence,
    IReadOnlyList<EvidenceView> Evidence);

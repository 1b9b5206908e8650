using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>A progress report as submitted (进度填报): done / next / problems / support needed, progress, indicators, evidence, self-rated colour, confidence.</summary>
public sealed record ProgressReportInput(
    string? Done,
    string? Next,
    string? Problems,
    string? SupportNeeded,
    int ProgressPercent,
    JsonArray? IndicatorActuals,
    TaskColour SelfColour,
    int Confidence,
    IReadOnlyList<EvidenceUpload> Evidence);

using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>A stored progress report: who reported it on which task, when, its fields and its evidence.</summary>
/// <param name="Sequence">1, 2, 3… per task.</param>
/// <param name="TaskId">The task it was reported on.</param>
/// <param name="Submitted">True when it was recorded by submitting a report step; false for an interim report.</param>
/// <param name="ReportedBy">Who reported it.</param>
/// <param name="ReportedAt">When.</param>
/// <param name="Done">已完成: what was done.</param>
/// <param name="Next">下一步: what comes next.</param>
/// <param name="Problems">存在问题: problems met.</param>
/// <param name="SupportNeeded">需要的支持: support asked for.</param>
/// <param name="ProgressPercent">Progress, 0–100.</param>
/// <param name="IndicatorActuals">Indicator actuals, an array of <c>{indicator, value, unit}</c>, if given.</param>
/// <param name="SelfColour">The colour the reporter gave the work.</param>
/// <param name="Confidence">Confidence of finishing on time, 0–10.</param>
/// <param name="Evidence">The evidence files, in order.</param>
public sealed record ProgressReportView(
    int Sequence,
    string TaskId,
    bool Submitted,
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

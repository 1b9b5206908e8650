using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A progress report on a task (进度填报). Append-only: a correction is a new report with the next sequence.</summary>
public sealed class ProgressReportRecord
{
    public long Id { get; set; }

    public required string TaskId { get; set; }

    /// <summary>1, 2, 3… per task.</summary>
    public int Sequence { get; set; }

    public required string ReportedBy { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    public string? Done { get; set; }

    public string? Next { get; set; }

    public string? Problems { get; set; }

    public string? SupportNeeded { get; set; }

    public int ProgressPercent { get; set; }

    /// <summary>Indicator actuals, JSON array of <c>{indicator, value, unit}</c>.</summary>
    public string? IndicatorActuals { get; set; }

    public TaskColour SelfColour { get; set; }

    /// <summary>0–10.</summary>
    public int Confidence { get; set; }

    /// <summary>Evidence files, JSON array of <c>{fileName, contentType, size, sha256}</c>.</summary>
    public string? Evidence { get; set; }
}

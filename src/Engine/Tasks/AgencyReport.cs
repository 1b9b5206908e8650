namespace AiPlusTasks.Engine.Tasks;

/// <summary>One progress report on an <see cref="AgencyOverview"/>: on which task, who, when, how far and what was done.</summary>
/// <param name="TaskId">The task the report was made on.</param>
/// <param name="TaskTitle">The task's Chinese title.</param>
/// <param name="TaskTitleEn">The task's English title, when it has one.</param>
/// <param name="Pillar">The task's catalog code, when filed under one.</param>
/// <param name="ReportedBy">The reporting user's name (or the agency system's key name).</param>
/// <param name="ReportedAt">When it was reported (UTC).</param>
/// <param name="ProgressPercent">The progress reported, 0–100.</param>
/// <param name="Done">What was done, as reported.</param>
public sealed record AgencyReport(
    string TaskId, string TaskTitle, string? TaskTitleEn, string? Pillar, string ReportedBy, DateTimeOffset ReportedAt, int ProgressPercent, string? Done);

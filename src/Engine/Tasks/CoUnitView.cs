namespace AiPlusTasks.Engine.Tasks;

/// <summary>A co-unit's sub-task (协办) of a lead unit's task, as the lead sees it on its task.</summary>
/// <param name="TaskId">The sub-task.</param>
/// <param name="Agency">The co-unit's agency code.</param>
/// <param name="State">Open or claimed until it reports; completed once it has; cancelled when the lead submitted first.</param>
/// <param name="ReportedBy">Who submitted the co-unit's part (or, before that, its latest interim report).</param>
/// <param name="ReportedAt">When.</param>
/// <param name="ProgressPercent">The progress of the co-unit's latest progress report; null when it has none.</param>
public sealed record CoUnitView(string TaskId, string Agency, TaskState State, string? ReportedBy, DateTimeOffset? ReportedAt, int? ProgressPercent);

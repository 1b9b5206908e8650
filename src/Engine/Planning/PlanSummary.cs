namespace AiPlusTasks.Engine.Planning;

/// <summary>A plan as listed: <see cref="Name"/> in Chinese, <see cref="NameEn"/> in English (null when the plan has none).</summary>
public sealed record PlanSummary(string Id, string Name, string Cadence, int CurrentVersion, string? CurrentPeriod, int Amendment, string? NameEn = null);

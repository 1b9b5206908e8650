namespace AiPlusTasks.Engine.Planning;

/// <summary>A plan as listed.</summary>
public sealed record PlanSummary(string Id, string Name, string Cadence, int CurrentVersion, string? CurrentPeriod, int Amendment);

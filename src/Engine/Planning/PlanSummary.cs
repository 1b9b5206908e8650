using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// A plan as listed: <see cref="Name"/> in Chinese, <see cref="NameEn"/> in English (null when the plan has none);
/// <see cref="CommittedByColour"/> counts the current version's committed key tasks by their live colour
/// (<see cref="PlanRoller.SnapshotColour"/>), <see cref="PlannedTasks"/> the ones not yet committed.
/// </summary>
public sealed record PlanSummary(
    string Id,
    string Name,
    string Cadence,
    int CurrentVersion,
    string? CurrentPeriod,
    int Amendment,
    string? NameEn = null,
    IReadOnlyDictionary<TaskColour, int>? CommittedByColour = null,
    int PlannedTasks = 0);

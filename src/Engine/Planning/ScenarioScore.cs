namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// A scenario's score in one version: medians and spreads (max − min) of each criterion, the weighted score, the gate,
/// and the provinces selected to pilot it under the cap (the rest wait for a later batch).
/// </summary>
public sealed record ScenarioScore(
    string Key,
    string Title,
    double PotentialMedian,
    double MaturityMedian,
    double LeverageMedian,
    int PotentialSpread,
    int MaturitySpread,
    int LeverageSpread,
    double Weighted,
    bool Selectable,
    string? GateReason,
    IReadOnlyList<string> SelectedProvinces,
    IReadOnlyList<string> WaitingProvinces);

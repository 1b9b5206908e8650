namespace AiPlusTasks.Bench;

/// <summary>
/// One measured scenario, as a child process reports it. <see cref="Units"/> is workflow instances (engines) or
/// committed rows (raw SQLite); <see cref="Bursts"/> counts the engine's committed bursts (2 per instance).
/// </summary>
internal sealed record ScenarioResult(string Scenario, string Store, int Callers, int Units, long Bursts, double Seconds, long PeakWorkingSetBytes)
{
    public double UnitsPerSecond => Units / Seconds;

    public double BurstsPerSecond => Bursts / Seconds;

    public double PeakWorkingSetMegabytes => PeakWorkingSetBytes / 1024.0 / 1024.0;
}

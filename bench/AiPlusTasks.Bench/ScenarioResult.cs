namespace AiPlusTasks.Bench;

/// <summary>
/// One measured scenario, as a child process reports it. <see cref="Units"/> is workflow instances (engines) or
/// committed rows (raw SQLite); <see cref="Bursts"/> counts the engine's committed bursts (2 per instance).
/// </summary>
internal sealed record ScenarioResult(string Scenario, string Store, int Callers, int Units, long Bursts, double Seconds, long PeakWorkingSetBytes)
{
    /// <summary>Garbage collections and the time the runtime was paused for them, over the whole child process.</summary>
    public GcFigures Gc { get; init; } = GcFigures.Now();

    /// <summary>CPU time of the whole process over the measured run (every thread).</summary>
    public double CpuSeconds { get; init; }

    /// <summary>Methods the JIT compiled during the measured run.</summary>
    public long MethodsJitted { get; init; }

    /// <summary>Bursts per transaction on average (group commit); 0 where the row does not commit bursts.</summary>
    public double BurstsPerCommit { get; init; }

    /// <summary>CPU milliseconds per unit: steadier than the rate on a shared machine.</summary>
    public double CpuMillisecondsPerUnit => CpuSeconds * 1000 / Units;

    public double UnitsPerSecond => Units / Seconds;

    public double BurstsPerSecond => Bursts / Seconds;

    public double PeakWorkingSetMegabytes => PeakWorkingSetBytes / 1024.0 / 1024.0;
}

/// <summary>What the garbage collector did in this process so far: collections per generation, pause time, bytes allocated.</summary>
internal sealed record GcFigures(int Gen0, int Gen1, int Gen2, double PauseSeconds, long AllocatedBytes)
{
    public static GcFigures Now() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalSeconds, GC.GetTotalAllocatedBytes());
}

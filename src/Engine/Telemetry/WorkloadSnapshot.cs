namespace AiPlusTasks.Engine.Telemetry;

/// <summary>What the workload gauges report, as sampled at one moment (colours by their lower-case names).</summary>
internal sealed record WorkloadSnapshot(
    IReadOnlyDictionary<string, long> OpenByColour,
    IReadOnlyDictionary<string, long> OverdueByColour,
    long QueueDepth,
    TimeSpan OldestItemAge);

namespace AiPlusTasks.Bench;

/// <summary>
/// How big a run is: instances per scenario, warm-up instances, seconds of raw commits, and for the HTTP scenarios
/// the Host starts per start-up figure and how long the load tool runs.
/// </summary>
internal sealed record BenchMode(string Name, int Instances, int WarmUp, TimeSpan RawCommitDuration)
{
    public static BenchMode Quick { get; } = new("quick", 2_000, 200, TimeSpan.FromSeconds(3))
    {
        HttpDuration = TimeSpan.FromSeconds(10),
        HttpWarmUp = TimeSpan.FromSeconds(10),
    };

    public static BenchMode Full { get; } = new("full", 20_000, 500, TimeSpan.FromSeconds(10))
    {
        HttpDuration = TimeSpan.FromSeconds(30),
        HttpWarmUp = TimeSpan.FromSeconds(20),
    };

    /// <summary>Host processes started for each start-up figure (the figure is their median). Default 5.</summary>
    public int StartupRuns { get; init; } = 5;

    /// <summary>How long the load tool measures the HTTP API, after <see cref="HttpWarmUp"/>.</summary>
    public TimeSpan HttpDuration { get; init; }

    /// <summary>
    /// Unmeasured load first, so the Host's JIT has tiered up: on the shared 2-core machine the Host's CPU per request
    /// fell from 5.2 to 2.8 ms over the first ~25 s of load, so less than 20 s measures JIT work as well.
    /// </summary>
    public TimeSpan HttpWarmUp { get; init; }

    public static BenchMode? Parse(string name) => name switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => null,
    };
}

namespace AiPlusTasks.Bench;

/// <summary>
/// How big a run is: instances per scenario, warm-up instances, and seconds of raw commits; for the scale scenarios,
/// how long one may run before it stops and reports the rate it measured instead (<see cref="ScaleBudget"/>), and how
/// many inbox queries are timed after how many warm-up queries; for the HTTP scenarios the Host starts per start-up
/// figure and how long the load tool runs. The scale scenarios' data sizes are in their names (cascade-medium,
/// inbox-quick, roll-quick…), not in the mode.
/// </summary>
internal sealed record BenchMode(string Name, int Instances, int WarmUp, TimeSpan RawCommitDuration, TimeSpan ScaleBudget, int InboxQueries, int InboxWarmUp)
{
    public static BenchMode Quick { get; } = new("quick", 2_000, 1_000, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2), 500, 100)
    {
        HttpDuration = TimeSpan.FromSeconds(10),
        HttpWarmUp = TimeSpan.FromSeconds(10),
    };

    public static BenchMode Full { get; } = new("full", 20_000, 2_000, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), 2_000, 200)
    {
        HttpDuration = TimeSpan.FromSeconds(30),
        HttpWarmUp = TimeSpan.FromSeconds(20),
    };

    /// <summary>A small run for the test that guards the scenario's correctness (not a measurement).</summary>
    public static BenchMode Check { get; } = new("check", 60, 10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), 10, 2);

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

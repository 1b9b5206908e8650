namespace AiPlusTasks.Bench;

/// <summary>
/// How big a run is: instances per scenario, warm-up instances, and seconds of raw commits; for the scale scenarios,
/// how long one may run before it stops and reports the rate it measured instead (<see cref="ScaleBudget"/>), and how
/// many inbox queries are timed after how many warm-up queries. The scale scenarios' data sizes are in their names
/// (cascade-medium, inbox-quick, roll-quick…), not in the mode.
/// </summary>
internal sealed record BenchMode(string Name, int Instances, int WarmUp, TimeSpan RawCommitDuration, TimeSpan ScaleBudget, int InboxQueries, int InboxWarmUp)
{
    public static BenchMode Quick { get; } = new("quick", 2_000, 200, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2), 500, 100);

    public static BenchMode Full { get; } = new("full", 20_000, 500, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), 2_000, 200);

    public static BenchMode? Parse(string name) => name switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => null,
    };
}

namespace AiPlusTasks.Bench;

/// <summary>How big a run is: instances per scenario, warm-up instances, and seconds of raw commits.</summary>
internal sealed record BenchMode(string Name, int Instances, int WarmUp, TimeSpan RawCommitDuration)
{
    public static BenchMode Quick { get; } = new("quick", 2_000, 1_000, TimeSpan.FromSeconds(3));

    public static BenchMode Full { get; } = new("full", 20_000, 2_000, TimeSpan.FromSeconds(10));

    /// <summary>A small run for the test that guards the scenario's correctness (not a measurement).</summary>
    public static BenchMode Check { get; } = new("check", 60, 10, TimeSpan.FromSeconds(1));

    public static BenchMode? Parse(string name) => name switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => null,
    };
}

namespace AiPlusTasks.Bench;

/// <summary>How big a run is: instances per scenario, warm-up instances, and seconds of raw commits.</summary>
internal sealed record BenchMode(string Name, int Instances, int WarmUp, TimeSpan RawCommitDuration)
{
    public static BenchMode Quick { get; } = new("quick", 2_000, 1_000, TimeSpan.FromSeconds(3));

    public static BenchMode Full { get; } = new("full", 20_000, 2_000, TimeSpan.FromSeconds(10));

    public static BenchMode? Parse(string name) => name switch
    {
        "quick" => Quick,
        "full" => Full,
        _ => null,
    };
}

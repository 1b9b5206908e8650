namespace AiPlusTasks.Bench;

/// <summary>
/// The scale scenarios (issue 5, scenarios 3–7) by name. Each runs in a child process of its own and returns its
/// figures; InQuick says whether the quick mode runs it (the quick mode must stay under two minutes).
/// </summary>
internal static class ScaleScenarios
{
    public const string FiguresPrefix = "FIGURES ";

    /// <summary>Name → (runs in quick mode, the scenario).</summary>
    public static IReadOnlyList<(string Name, bool InQuick, Func<BenchMode, Task<IReadOnlyList<Figure>>> Run)> All { get; } =
    [
        (Scale.CascadeTier.Medium.Name, true, Scale.CascadeScenario.For(Scale.CascadeTier.Medium)),
        (Scale.CascadeTier.Large.Name, false, Scale.CascadeScenario.For(Scale.CascadeTier.Large)),
        (Scale.CascadeTier.Stress.Name, false, Scale.CascadeScenario.For(Scale.CascadeTier.Stress)),
        ("inbox-quick", true, Scale.InboxScenario.For("inbox-quick", 100_000)),
        ("inbox", false, Scale.InboxScenario.For("inbox", 1_000_000)),
        // roll-quick is not in the quick mode: its set-up (the engine starting 2,150 instances) alone takes 20–30 s here.
        ("roll-quick", false, Scale.RollScenario.For("roll-quick", keyTasks: 25, ministries: 5, provinces: 16, newTasks: 5)),
        ("roll", false, Scale.RollScenario.For("roll", keyTasks: 125, ministries: 5, provinces: 32, newTasks: 25)),
    ];
}

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
        // The quick mode (under two minutes, for anyone) runs the engine-vs-peer rows and the quick inbox only; the
        // others take 20–90 s each here and run in the full mode.
        (Scale.CascadeTier.Medium.Name, false, Scale.CascadeScenario.For(Scale.CascadeTier.Medium)),
        (Scale.CascadeTier.Large.Name, false, Scale.CascadeScenario.For(Scale.CascadeTier.Large)),
        (Scale.CascadeTier.Stress.Name, false, Scale.CascadeScenario.For(Scale.CascadeTier.Stress)),
        ("inbox-quick", true, Scale.InboxScenario.For("inbox-quick", 100_000)),
        ("inbox", false, Scale.InboxScenario.For("inbox", 1_000_000)),
        ("roll-quick", false, Scale.RollScenario.For("roll-quick", keyTasks: 25, ministries: 5, provinces: 16, newTasks: 5)),
        ("roll", false, Scale.RollScenario.For("roll", keyTasks: 125, ministries: 5, provinces: 32, newTasks: 25)),
        (Http.StartupScenario.Name, false, Http.StartupScenario.RunAsync),
        (Http.HttpTasksScenario.Name, false, Http.HttpTasksScenario.RunAsync),
        (Http.HttpTasksScenario.QuickName, false, Http.HttpTasksScenario.RunQuickAsync),
        (Http.UiInboxScenario.Name, false, Http.UiInboxScenario.RunAsync),
        (Webhooks.WebhookScenario.Name, false, Webhooks.WebhookScenario.RunAsync),
        (Scale.LedgerExportScenario.Name, false, Scale.LedgerExportScenario.RunAsync),
        (Scale.BulkJobScenario.Name, false, Scale.BulkJobScenario.For(5_000)),
        (Scale.DashboardScenario.Name, false, Scale.DashboardScenario.RunAsync),
    ];
}

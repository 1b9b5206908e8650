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
        (Http.StartupScenario.Name, true, Http.StartupScenario.RunAsync),
        (Http.HttpTasksScenario.Name, false, Http.HttpTasksScenario.RunAsync),
        (Http.HttpTasksScenario.QuickName, true, Http.HttpTasksScenario.RunQuickAsync),
    ];
}

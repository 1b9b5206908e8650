namespace AiPlusTasks.Bench;

/// <summary>
/// One measured figure of a scale scenario (cascade, inbox, roll, HTTP, start-up), as its child process reports it.
/// </summary>
/// <param name="Scenario">The scenario's name, e.g. <c>cascade-medium</c>.</param>
/// <param name="Name">What was measured, e.g. <c>seconds to start every child</c>.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">The value's unit, e.g. <c>s</c>, <c>ms</c>, <c>MB</c>, <c>req/s</c>.</param>
/// <param name="Target">The target in words (e.g. <c>&lt; 5 s</c>), empty when the figure has none.</param>
/// <param name="Met">Whether the target was met; null when there is no target.</param>
/// <param name="Details">Sizes and settings that make the figure reproducible (rows, connections, …).</param>
internal sealed record Figure(string Scenario, string Name, double Value, string Unit, string Target, bool? Met, string Details);

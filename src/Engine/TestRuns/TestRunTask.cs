using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.TestRuns;

/// <summary>The task an <c>AiPlus.HumanTask</c> activity would have issued in a <see cref="TestRun"/> (no task row is written).</summary>
/// <param name="Title">The task's title, as evaluated.</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="AgencyCode">The agency it would go to (a directory code; the designer shows the agency's name).</param>
/// <param name="Kind">task, report, review, decision, closure or verification.</param>
/// <param name="Outcomes">The outcomes it can be completed with, in the definition's order (at least one).</param>
/// <param name="Schema">The JSON Schema of its completion data; null when the task has no form.</param>
/// <param name="Prefill">Values its form would start from; null when none.</param>
/// <param name="DueAt">Its due time, if any.</param>
public sealed record TestRunTask(
    string Title,
    string? Description,
    string AgencyCode,
    string Kind,
    IReadOnlyList<string> Outcomes,
    JsonNode? Schema,
    JsonNode? Prefill,
    DateTimeOffset? DueAt);

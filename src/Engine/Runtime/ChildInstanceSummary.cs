using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>An instance another instance started (a fan-out's child, a child workflow), with how its agency's work stands.</summary>
/// <param name="Id">The child instance's id.</param>
/// <param name="DefinitionId">The definition it runs (which of the parent's activities started it).</param>
/// <param name="Status">The child's status.</param>
/// <param name="Agency">The agency it works for (a fan-out gives each child its <c>agency</c>); null when it names none.</param>
/// <param name="TaskState">The state of its latest task; null before it has one.</param>
/// <param name="Colour">The supervision colour of its latest task; null before it has one.</param>
/// <param name="ProgressPercent">The percent of its latest progress report; null before the first.</param>
/// <param name="ReportedAt">When that report came.</param>
public sealed record ChildInstanceSummary(
    string Id,
    string DefinitionId,
    WorkflowStatus Status,
    string? Agency,
    TaskState? TaskState,
    TaskColour? Colour,
    int? ProgressPercent,
    DateTimeOffset? ReportedAt);

using System.Text.Json.Nodes;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>One line of a case's timeline: a history entry of one of the case's tasks, naming its step.</summary>
/// <param name="TaskId">The task the entry belongs to.</param>
/// <param name="Step">The task's kind (<see cref="StepKinds"/>).</param>
/// <param name="Action">What happened (<c>Created</c>, <c>Claimed</c>, <c>ProgressReported</c>, <c>Completed</c>…).</param>
/// <param name="Actor">Who did it (a user name, an agency system, or <c>system</c>).</param>
/// <param name="At">When.</param>
/// <param name="Data">Details: the outcome and reason of a completion, a comment's text…</param>
/// <param name="ActingFor">Whom the actor acted for through a delegation (代理), when they did.</param>
public sealed record CaseHistoryEntry(string TaskId, string Step, string Action, string Actor, DateTimeOffset At, JsonNode? Data, string? ActingFor = null);

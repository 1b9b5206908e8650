using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Planning;

/// <summary>What the roll reads of a committed key task from the running system.</summary>
/// <param name="InstanceStatus">Its breakdown workflow's status.</param>
/// <param name="WorstOpenColour">The worst colour among the open tasks of its cascade; null when none is open.</param>
/// <param name="DecisionStatus">The status of its carry-over decision workflow, if one was opened.</param>
/// <param name="DecisionOutput">That workflow's output (<c>decision</c>: continue, rescope, reassign, cancel; and its details).</param>
public sealed record TaskLiveStatus(WorkflowStatus? InstanceStatus, TaskColour? WorstOpenColour, WorkflowStatus? DecisionStatus, JsonObject? DecisionOutput);

using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>An instance as listed.</summary>
/// <param name="Id">The instance's id.</param>
/// <param name="DefinitionId">The definition it runs.</param>
/// <param name="DefinitionVersion">The version of the definition it runs.</param>
/// <param name="Status">Its status.</param>
/// <param name="CorrelationId">Its correlation id, if any.</param>
/// <param name="ParentInstanceId">The instance that started it, if any.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="FinishedAt">When it ended, if it has.</param>
/// <param name="Title">The instance's input <c>title</c> (what a key task is called), when it has one.</param>
/// <param name="StartedBy">The user who started it (from the audit trail); null for instances the engine started (children, schedules).</param>
public sealed record InstanceSummary(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationId,
    string? ParentInstanceId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt,
    string? Title = null,
    string? StartedBy = null);

using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>Which instances to list (newest first): optionally of one definition, status or correlation id; one page of them.</summary>
/// <param name="DefinitionId">Only instances of this definition.</param>
/// <param name="Status">Only instances in this status.</param>
/// <param name="CorrelationId">Only instances with exactly this correlation id.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Instances per page.</param>
public sealed record InstanceQuery(string? DefinitionId = null, WorkflowStatus? Status = null, string? CorrelationId = null, int Page = 1, int PageSize = 50);

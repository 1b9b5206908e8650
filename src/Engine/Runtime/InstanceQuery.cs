using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>Which instances to list (newest first): optionally of one definition, status or correlation id; one page of them.</summary>
/// <param name="DefinitionId">Only instances of this definition.</param>
/// <param name="Status">Only instances in this status.</param>
/// <param name="CorrelationId">Only instances with exactly this correlation id.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Instances per page.</param>
/// <param name="Version">Only instances of this version of the definition.</param>
/// <param name="Agency">Only instances with a task of this agency (its own, or as lead unit).</param>
/// <param name="PlanId">Only instances with a task of this plan.</param>
/// <param name="Pillar">Only instances with a task filed under this catalog code (a pillar matches its items).</param>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created before.</param>
/// <param name="Text">Only instances whose id or correlation id contains the text, or with a task whose title (in either language) contains it.</param>
public sealed record InstanceQuery(
    string? DefinitionId = null,
    WorkflowStatus? Status = null,
    string? CorrelationId = null,
    int Page = 1,
    int PageSize = 50,
    int? Version = null,
    string? Agency = null,
    string? PlanId = null,
    string? Pillar = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? Text = null);

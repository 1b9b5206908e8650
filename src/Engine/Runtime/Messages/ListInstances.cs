using AiPlusTasks.Workflows.Execution;
using Mediator;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>One page of instances, newest first, optionally of one definition, status or correlation id.</summary>
public sealed record ListInstances(string? DefinitionId, WorkflowStatus? Status, string? CorrelationId, int Page, int PageSize) : IQuery<Page<InstanceSummary>>;

internal sealed class ListInstancesHandler(WorkflowRuntime runtime) : IQueryHandler<ListInstances, Page<InstanceSummary>>
{
    public async ValueTask<Page<InstanceSummary>> Handle(ListInstances query, CancellationToken cancellationToken) =>
        await runtime.ListAsync(query, cancellationToken);
}

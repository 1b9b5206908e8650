using Mediator;

namespace AiPlusTasks.Engine.Definitions.Messages;

/// <summary>One page of definitions, ordered by id.</summary>
public sealed record ListDefinitions(int Page, int PageSize) : IQuery<Page<DefinitionSummary>>;

internal sealed class ListDefinitionsHandler(WorkflowDefinitionStore store) : IQueryHandler<ListDefinitions, Page<DefinitionSummary>>
{
    public async ValueTask<Page<DefinitionSummary>> Handle(ListDefinitions query, CancellationToken cancellationToken) =>
        await store.ListAsync(query.Page, query.PageSize, cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Definitions.Messages;

/// <summary>Every version of a definition, oldest first; see <see cref="WorkflowDefinitionStore.ListVersionsAsync"/>.</summary>
public sealed record ListDefinitionVersions(string DefinitionId) : IQuery<IReadOnlyList<DefinitionVersionSummary>>;

internal sealed class ListDefinitionVersionsHandler(WorkflowDefinitionStore store) : IQueryHandler<ListDefinitionVersions, IReadOnlyList<DefinitionVersionSummary>>
{
    public async ValueTask<IReadOnlyList<DefinitionVersionSummary>> Handle(ListDefinitionVersions query, CancellationToken cancellationToken) =>
        await store.ListVersionsAsync(query.DefinitionId, cancellationToken);
}

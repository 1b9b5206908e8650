using AiPlusTasks.Workflows.Definitions;
using Mediator;

namespace AiPlusTasks.Engine.Definitions.Messages;

/// <summary>One version of a definition (the latest when <see cref="Version"/> is null).</summary>
public sealed record GetDefinition(string DefinitionId, int? Version) : IQuery<WorkflowDefinition>;

internal sealed class GetDefinitionHandler(WorkflowDefinitionStore store) : IQueryHandler<GetDefinition, WorkflowDefinition>
{
    public async ValueTask<WorkflowDefinition> Handle(GetDefinition query, CancellationToken cancellationToken) =>
        await store.GetAsync(query.DefinitionId, query.Version, cancellationToken);
}

using AiPlusTasks.Workflows.Definitions;
using Mediator;

namespace AiPlusTasks.Engine.Definitions.Messages;

/// <summary>Publishes a definition's latest version; see <see cref="WorkflowDefinitionStore.PublishAsync"/>.</summary>
public sealed record PublishDefinition(string DefinitionId) : ICommand<WorkflowDefinition>;

internal sealed class PublishDefinitionHandler(WorkflowDefinitionStore store) : ICommandHandler<PublishDefinition, WorkflowDefinition>
{
    public async ValueTask<WorkflowDefinition> Handle(PublishDefinition command, CancellationToken cancellationToken) =>
        await store.PublishAsync(command.DefinitionId, cancellationToken);
}

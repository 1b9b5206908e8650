using AiPlusTasks.Workflows.Definitions;
using Mediator;

namespace AiPlusTasks.Engine.Definitions.Messages;

/// <summary>Stores Elsa 3 JSON as a draft (validation problems and all); see <see cref="WorkflowDefinitionStore.ImportAsync"/>.</summary>
public sealed record ImportDefinition(string Json, string? Source) : ICommand<WorkflowDefinition>;

internal sealed class ImportDefinitionHandler(WorkflowDefinitionStore store) : ICommandHandler<ImportDefinition, WorkflowDefinition>
{
    public async ValueTask<WorkflowDefinition> Handle(ImportDefinition command, CancellationToken cancellationToken) =>
        await store.ImportAsync(command.Json, command.Source, cancellationToken);
}

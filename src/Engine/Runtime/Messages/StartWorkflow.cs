using Mediator;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>Starts an instance; see <see cref="WorkflowRuntime.StartAsync"/>.</summary>
public sealed record StartWorkflow(StartWorkflowRequest Request) : ICommand<InstanceView>;

internal sealed class StartWorkflowHandler(WorkflowRuntime runtime) : ICommandHandler<StartWorkflow, InstanceView>
{
    public async ValueTask<InstanceView> Handle(StartWorkflow command, CancellationToken cancellationToken) =>
        await runtime.StartAsync(command.Request, cancellationToken);
}

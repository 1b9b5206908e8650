using Mediator;

namespace AiPlusTasks.Engine.Runtime.Messages;

/// <summary>Cancels an instance and its active children; see <see cref="WorkflowRuntime.CancelAsync"/>.</summary>
public sealed record CancelInstance(string InstanceId) : ICommand<InstanceView>;

internal sealed class CancelInstanceHandler(WorkflowRuntime runtime) : ICommandHandler<CancelInstance, InstanceView>
{
    public async ValueTask<InstanceView> Handle(CancelInstance command, CancellationToken cancellationToken) =>
        await runtime.CancelAsync(command.InstanceId, cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Gives a claimed task back to the agency's pool.</summary>
public sealed record UnclaimTask(Caller Caller, string TaskId) : ICommand<TaskView>;

internal sealed class UnclaimTaskHandler(TaskService tasks) : ICommandHandler<UnclaimTask, TaskView>
{
    public async ValueTask<TaskView> Handle(UnclaimTask message, CancellationToken cancellationToken) =>
        await tasks.UnclaimAsync(message.Caller, message.TaskId, cancellationToken);
}

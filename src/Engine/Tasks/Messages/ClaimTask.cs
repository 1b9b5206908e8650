using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Claims an open task (签收).</summary>
public sealed record ClaimTask(Caller Caller, string TaskId) : ICommand<TaskView>;

internal sealed class ClaimTaskHandler(TaskService tasks) : ICommandHandler<ClaimTask, TaskView>
{
    public async ValueTask<TaskView> Handle(ClaimTask message, CancellationToken cancellationToken) =>
        await tasks.ClaimAsync(message.Caller, message.TaskId, cancellationToken);
}

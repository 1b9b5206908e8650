using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Reassigns a task within an agency (lead) or across agencies (NDRC).</summary>
public sealed record ReassignTask(Caller Caller, string TaskId, string? Agency, string? User) : ICommand<TaskView>;

internal sealed class ReassignTaskHandler(TaskService tasks) : ICommandHandler<ReassignTask, TaskView>
{
    public async ValueTask<TaskView> Handle(ReassignTask message, CancellationToken cancellationToken) =>
        await tasks.ReassignAsync(message.Caller, message.TaskId, message.Agency, message.User, cancellationToken);
}

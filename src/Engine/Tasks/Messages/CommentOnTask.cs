using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Adds a comment to a task's history.</summary>
public sealed record CommentOnTask(Caller Caller, string TaskId, string Text) : ICommand<TaskView>;

internal sealed class CommentOnTaskHandler(TaskService tasks) : ICommandHandler<CommentOnTask, TaskView>
{
    public async ValueTask<TaskView> Handle(CommentOnTask message, CancellationToken cancellationToken) =>
        await tasks.CommentAsync(message.Caller, message.TaskId, message.Text, cancellationToken);
}

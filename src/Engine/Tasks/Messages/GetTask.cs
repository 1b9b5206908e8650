using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>One task in full, with its outcomes and the JSON Schema of its completion data.</summary>
public sealed record GetTask(Caller Caller, string TaskId) : IQuery<TaskView>;

internal sealed class GetTaskHandler(TaskService tasks) : IQueryHandler<GetTask, TaskView>
{
    public async ValueTask<TaskView> Handle(GetTask message, CancellationToken cancellationToken) =>
        await tasks.GetAsync(message.Caller, message.TaskId, cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>One page of the caller's inbox.</summary>
public sealed record ListTasks(Caller Caller, TaskQuery Query) : IQuery<Page<TaskSummary>>;

internal sealed class ListTasksHandler(TaskService tasks) : IQueryHandler<ListTasks, Page<TaskSummary>>
{
    public async ValueTask<Page<TaskSummary>> Handle(ListTasks message, CancellationToken cancellationToken) =>
        await tasks.ListAsync(message.Caller, message.Query, cancellationToken);
}

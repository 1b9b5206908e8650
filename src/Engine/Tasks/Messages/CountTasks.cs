using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>How many tasks each inbox view holds for the caller.</summary>
public sealed record CountTasks(Caller Caller) : IQuery<IReadOnlyDictionary<string, int>>;

internal sealed class CountTasksHandler(TaskService tasks) : IQueryHandler<CountTasks, IReadOnlyDictionary<string, int>>
{
    public async ValueTask<IReadOnlyDictionary<string, int>> Handle(CountTasks message, CancellationToken cancellationToken) =>
        await tasks.CountsAsync(message.Caller, cancellationToken);
}

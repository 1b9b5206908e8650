using System.Text.Json.Nodes;
using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Completes a task with an outcome and schema-checked data, resuming its workflow.</summary>
public sealed record CompleteTask(Caller Caller, string TaskId, string? Outcome, JsonNode? Data) : ICommand<TaskView>;

internal sealed class CompleteTaskHandler(TaskService tasks) : ICommandHandler<CompleteTask, TaskView>
{
    public async ValueTask<TaskView> Handle(CompleteTask message, CancellationToken cancellationToken) =>
        await tasks.CompleteAsync(message.Caller, message.TaskId, message.Outcome, message.Data, cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Appends a progress report with evidence to a task.</summary>
public sealed record ReportProgress(Caller Caller, string TaskId, ProgressReportInput Report) : ICommand<TaskView>;

internal sealed class ReportProgressHandler(TaskService tasks) : ICommandHandler<ReportProgress, TaskView>
{
    public async ValueTask<TaskView> Handle(ReportProgress message, CancellationToken cancellationToken) =>
        await tasks.ReportProgressAsync(message.Caller, message.TaskId, message.Report, cancellationToken: cancellationToken);
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// <c>cancel</c>: cancels workflow instances (<see cref="WorkflowRuntime.CancelAsync(Caller, string, CancellationToken)"/>),
/// NDRC planners only; an instance already finished or cancelled is skipped. No parameters.
/// </summary>
public sealed class CancelOperation(WorkflowRuntime runtime) : IBulkOperation
{
    public string Name => "cancel";

    public BulkTarget Target => BulkTarget.Instances;

    public void Validate(Caller caller, JsonObject parameters) => caller.RequireNdrcPlanner("cancel workflows");

    public async Task<BulkItemOutcome> PreviewAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var instance = await runtime.GetAsync(caller, itemId, cancellationToken);
        return Ended(instance.Status) ?? BulkItemOutcome.Succeeded($"将取消（当前：{StatusZh(instance.Status)}）", $"will be cancelled (now {instance.Status})");
    }

    public async Task<BulkItemOutcome> ApplyAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        var before = await runtime.GetAsync(caller, itemId, cancellationToken);
        if (Ended(before.Status) is { } ended)
        {
            return ended;
        }

        try
        {
            await runtime.CancelAsync(caller, itemId, cancellationToken);
        }
        catch (ConflictException)
        {
            // It ended between the look and the cancel (another job, its own last step).
            return Ended((await runtime.GetAsync(caller, itemId, cancellationToken)).Status) ?? throw new ConflictException($"workflow instance '{itemId}' changed meanwhile");
        }

        return BulkItemOutcome.Succeeded($"已取消（原为：{StatusZh(before.Status)}）", $"cancelled (was {before.Status})");
    }

    private static BulkItemOutcome? Ended(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Finished => BulkItemOutcome.Skipped("流程已结束", "the instance already finished"),
        WorkflowStatus.Cancelled => BulkItemOutcome.Skipped("流程已取消", "the instance is already cancelled"),
        _ => null,
    };

    private static string StatusZh(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Running => "运行中",
        WorkflowStatus.Suspended => "等待中",
        WorkflowStatus.Faulted => "出错",
        WorkflowStatus.Finished => "已结束",
        _ => "已取消",
    };
}

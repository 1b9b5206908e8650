using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// The bulk operation <c>retry</c> (parameters <c>{reason?}</c>): each faulted instance runs its faulted activity again,
/// as <see cref="WorkflowRuntime.RetryAsync"/>. An instance no longer faulted is skipped.
/// </summary>
public sealed class RetryOperation(WorkflowRuntime runtime) : IncidentOperation(runtime)
{
    private readonly WorkflowRuntime _runtime = runtime;

    public override string Name => "retry";

    protected override Task ResolveAsync(Caller caller, string instanceId, JsonObject parameters, CancellationToken cancellationToken) =>
        _runtime.RetryAsync(caller, instanceId, BulkParameters.Text(parameters, "reason"), null, cancellationToken);

    protected override BulkItemOutcome WouldDo(JsonObject parameters) => BulkItemOutcome.Succeeded("将从出错的活动重试", "would retry from the faulted activity");

    protected override BulkItemOutcome Done(JsonObject parameters) => BulkItemOutcome.Succeeded("已从出错的活动重试", "retried from the faulted activity");
}

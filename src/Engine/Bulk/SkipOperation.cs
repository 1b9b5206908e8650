using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// The bulk operation <c>skip</c> (parameters <c>{outcome, reason}</c>, both required): each faulted instance completes
/// its faulted activity with the outcome and goes on from that port, as <see cref="WorkflowRuntime.SkipAsync"/>. An
/// instance no longer faulted is skipped; one whose faulted activity has no such port fails.
/// </summary>
public sealed class SkipOperation(WorkflowRuntime runtime) : IncidentOperation(runtime)
{
    private readonly WorkflowRuntime _runtime = runtime;

    public override string Name => "skip";

    public override void Validate(Caller caller, JsonObject parameters)
    {
        base.Validate(caller, parameters);
        if (BulkParameters.Text(parameters, "outcome") is null)
        {
            throw RequestValidationException.For("parameters.outcome", "name the outcome port the flow continues from");
        }

        if (BulkParameters.Text(parameters, "reason") is null)
        {
            throw RequestValidationException.For("parameters.reason", "give the reason");
        }
    }

    protected override string? SkipOutcome(JsonObject parameters) => BulkParameters.Text(parameters, "outcome");

    protected override Task ResolveAsync(Caller caller, string instanceId, JsonObject parameters, CancellationToken cancellationToken) =>
        _runtime.SkipAsync(caller, instanceId, null, BulkParameters.Text(parameters, "outcome"), BulkParameters.Text(parameters, "reason"), cancellationToken);

    protected override BulkItemOutcome WouldDo(JsonObject parameters) =>
        BulkItemOutcome.Succeeded($"将跳过出错的活动，从出口 {BulkParameters.Text(parameters, "outcome")} 继续", $"would skip the faulted activity and go on from port {BulkParameters.Text(parameters, "outcome")}");

    protected override BulkItemOutcome Done(JsonObject parameters) =>
        BulkItemOutcome.Succeeded($"已跳过出错的活动，从出口 {BulkParameters.Text(parameters, "outcome")} 继续", $"skipped the faulted activity, going on from port {BulkParameters.Text(parameters, "outcome")}");
}

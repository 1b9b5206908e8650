using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// What the bulk operations <c>retry</c> and <c>skip</c> share: their items are faulted instances, NDRC planners run them,
/// and an instance whose incident is already resolved (so no longer faulted) is skipped as done, which makes a repeat
/// of an item safe (docs/decisions/030).
/// </summary>
public abstract class IncidentOperation(WorkflowRuntime runtime) : IBulkOperation
{
    public abstract string Name { get; }

    public BulkTarget Target => BulkTarget.Instances;

    public virtual void Validate(Caller caller, JsonObject parameters)
    {
        caller.RequireNdrcPlanner($"run the bulk operation '{Name}'");
        if (parameters["reason"] is { } reason && (reason is not JsonValue value || !value.TryGetValue<string>(out _)))
        {
            throw RequestValidationException.For("parameters.reason", "reason is a text");
        }
    }

    public async Task<BulkItemOutcome> PreviewAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken) =>
        await CheckAsync(itemId, parameters, cancellationToken) ?? WouldDo(parameters);

    public async Task<BulkItemOutcome> ApplyAsync(Caller caller, string itemId, JsonObject parameters, CancellationToken cancellationToken)
    {
        if (await CheckAsync(itemId, parameters, cancellationToken) is { } refused)
        {
            return refused;
        }

        try
        {
            await ResolveAsync(caller, itemId, parameters, cancellationToken);
            return Done(parameters);
        }
        catch (ConflictException e)
        {
            // Resolved or cancelled by someone else between the check and the burst (then the check says so), or contention.
            return await CheckAsync(itemId, parameters, cancellationToken) ?? BulkItemOutcome.Failed("实例正被同时修改，请稍后再试", e.Message);
        }
        catch (Exception e) when (e is RequestValidationException or ForbiddenException)
        {
            return BulkItemOutcome.Failed("参数不适用于该实例", e.Message);
        }
    }

    /// <summary>The outcome of skip's <c>outcome</c> parameter; null for a retry.</summary>
    protected virtual string? SkipOutcome(JsonObject parameters) => null;

    /// <summary>Resolves the incident of one instance.</summary>
    protected abstract Task ResolveAsync(Caller caller, string instanceId, JsonObject parameters, CancellationToken cancellationToken);

    /// <summary>What a preview says would happen.</summary>
    protected abstract BulkItemOutcome WouldDo(JsonObject parameters);

    /// <summary>What the report says happened.</summary>
    protected abstract BulkItemOutcome Done(JsonObject parameters);

    /// <summary>Why the item is left as it is (or fails); null when the operation applies.</summary>
    private async Task<BulkItemOutcome?> CheckAsync(string instanceId, JsonObject parameters, CancellationToken cancellationToken)
    {
        IncidentCheck check;
        try
        {
            check = await runtime.CheckIncidentAsync(instanceId, SkipOutcome(parameters), cancellationToken);
        }
        catch (NotFoundException)
        {
            return BulkItemOutcome.Failed("流程实例不存在", "the workflow instance does not exist");
        }

        return check switch
        {
            IncidentCheck.Resolvable => null,
            IncidentCheck.NotFaulted => BulkItemOutcome.Skipped("实例未处于出错状态（或已处理）", "the instance is not faulted (or its incident was already resolved)"),
            IncidentCheck.NotResolvable => BulkItemOutcome.Skipped("出错之处不在单个活动中，只能取消该实例", "the fault is not in one activity: the instance can only be cancelled"),
            _ => BulkItemOutcome.Failed("所选结果不是出错活动的出口", "the outcome is not a port of the faulted activity"),
        };
    }
}

using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>Rolls a plan to a period (default: the current one); idempotent per period.</summary>
public sealed record RollPlan(string PlanId, string? Period, string RolledBy) : ICommand<PlanVersionView>;

internal sealed class RollPlanHandler(PlanService plans) : ICommandHandler<RollPlan, PlanVersionView>
{
    public async ValueTask<PlanVersionView> Handle(RollPlan message, CancellationToken cancellationToken) =>
        await plans.RollAsync(message.PlanId, message.Period, message.RolledBy, cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>A plan with its static layer and current version.</summary>
public sealed record GetPlan(string PlanId) : IQuery<PlanView>;

internal sealed class GetPlanHandler(PlanService plans) : IQueryHandler<GetPlan, PlanView>
{
    public async ValueTask<PlanView> Handle(GetPlan message, CancellationToken cancellationToken) =>
        await plans.GetAsync(message.PlanId, cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>One plan version.</summary>
public sealed record GetPlanVersion(string PlanId, int Number) : IQuery<PlanVersionView>;

internal sealed class GetPlanVersionHandler(PlanService plans) : IQueryHandler<GetPlanVersion, PlanVersionView>
{
    public async ValueTask<PlanVersionView> Handle(GetPlanVersion message, CancellationToken cancellationToken) =>
        await plans.GetVersionAsync(message.PlanId, message.Number, cancellationToken);
}

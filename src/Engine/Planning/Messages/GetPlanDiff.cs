using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>A version's diff from its parent, optionally for one agency.</summary>
public sealed record GetPlanDiff(string PlanId, int Number, string? Agency) : IQuery<IReadOnlyList<PlanChange>>;

internal sealed class GetPlanDiffHandler(PlanService plans) : IQueryHandler<GetPlanDiff, IReadOnlyList<PlanChange>>
{
    public async ValueTask<IReadOnlyList<PlanChange>> Handle(GetPlanDiff message, CancellationToken cancellationToken) =>
        await plans.GetDiffAsync(message.PlanId, message.Number, message.Agency, cancellationToken);
}

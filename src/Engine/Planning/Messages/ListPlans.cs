using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>Every plan.</summary>
public sealed record ListPlans : IQuery<IReadOnlyList<PlanSummary>>;

internal sealed class ListPlansHandler(PlanService plans) : IQueryHandler<ListPlans, IReadOnlyList<PlanSummary>>
{
    public async ValueTask<IReadOnlyList<PlanSummary>> Handle(ListPlans message, CancellationToken cancellationToken) =>
        await plans.ListAsync(cancellationToken);
}

using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>One page of plans.</summary>
public sealed record ListPlans(int Page, int PageSize) : IQuery<Page<PlanSummary>>;

internal sealed class ListPlansHandler(PlanService plans) : IQueryHandler<ListPlans, Page<PlanSummary>>
{
    public async ValueTask<Page<PlanSummary>> Handle(ListPlans message, CancellationToken cancellationToken) =>
        await plans.ListAsync(message.Page, message.PageSize, cancellationToken);
}

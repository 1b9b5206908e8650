using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>One page of a plan's versions, newest first.</summary>
public sealed record ListPlanVersions(string PlanId, int Page, int PageSize) : IQuery<Page<PlanVersionView>>;

internal sealed class ListPlanVersionsHandler(PlanService plans) : IQueryHandler<ListPlanVersions, Page<PlanVersionView>>
{
    public async ValueTask<Page<PlanVersionView>> Handle(ListPlanVersions message, CancellationToken cancellationToken) =>
        await plans.ListVersionsAsync(message.PlanId, message.Page, message.PageSize, cancellationToken);
}

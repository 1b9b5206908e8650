using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>One page of a version's diff from its parent, optionally only the changes concerning one agency.</summary>
public sealed record GetPlanDiff(string PlanId, int Number, string? Agency, int Page, int PageSize) : IQuery<Page<PlanChange>>;

internal sealed class GetPlanDiffHandler(PlanService plans) : IQueryHandler<GetPlanDiff, Page<PlanChange>>
{
    public async ValueTask<Page<PlanChange>> Handle(GetPlanDiff message, CancellationToken cancellationToken)
    {
        var changes = await plans.GetDiffAsync(message.PlanId, message.Number, message.Agency, cancellationToken);
        return new Page<PlanChange>([.. changes.Skip((message.Page - 1) * message.PageSize).Take(message.PageSize)], changes.Count, message.Page, message.PageSize);
    }
}

using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>Every amendment of a plan's static layer.</summary>
public sealed record ListPlanAmendments(string PlanId) : IQuery<IReadOnlyList<PlanAmendment>>;

internal sealed class ListPlanAmendmentsHandler(PlanService plans) : IQueryHandler<ListPlanAmendments, IReadOnlyList<PlanAmendment>>
{
    public async ValueTask<IReadOnlyList<PlanAmendment>> Handle(ListPlanAmendments message, CancellationToken cancellationToken) =>
        await plans.ListAmendmentsAsync(message.PlanId, cancellationToken);
}

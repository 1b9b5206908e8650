using System.Text.Json.Nodes;
using Mediator;

namespace AiPlusTasks.Engine.Planning.Messages;

/// <summary>Amends a plan's static layer with a reason and document number.</summary>
public sealed record AmendPlan(string PlanId, JsonObject Static, string? Reason, string? DocumentNumber, string AmendedBy) : ICommand<PlanAmendment>;

internal sealed class AmendPlanHandler(PlanService plans) : ICommandHandler<AmendPlan, PlanAmendment>
{
    public async ValueTask<PlanAmendment> Handle(AmendPlan message, CancellationToken cancellationToken) =>
        await plans.AmendAsync(message.PlanId, message.Static, message.Reason, message.DocumentNumber, message.AmendedBy, cancellationToken);
}

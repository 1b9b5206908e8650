using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>A subscription's delivery log, newest first.</summary>
public sealed record ListWebhookDeliveries(Caller Caller, string Id, WebhookDeliveryState? State, int Page, int PageSize) : IQuery<Page<WebhookDeliveryView>>;

internal sealed class ListWebhookDeliveriesHandler(WebhookSubscriptionService subscriptions) : IQueryHandler<ListWebhookDeliveries, Page<WebhookDeliveryView>>
{
    public async ValueTask<Page<WebhookDeliveryView>> Handle(ListWebhookDeliveries message, CancellationToken cancellationToken) =>
        await subscriptions.ListDeliveriesAsync(message.Caller, message.Id, message.State, message.Page, message.PageSize, cancellationToken);
}

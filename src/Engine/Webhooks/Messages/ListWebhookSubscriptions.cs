using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>The caller's agency's subscriptions (every agency's for NDRC).</summary>
public sealed record ListWebhookSubscriptions(Caller Caller, int Page, int PageSize) : IQuery<Page<WebhookSubscriptionView>>;

internal sealed class ListWebhookSubscriptionsHandler(WebhookSubscriptionService subscriptions) : IQueryHandler<ListWebhookSubscriptions, Page<WebhookSubscriptionView>>
{
    public async ValueTask<Page<WebhookSubscriptionView>> Handle(ListWebhookSubscriptions message, CancellationToken cancellationToken) =>
        await subscriptions.ListAsync(message.Caller, message.Page, message.PageSize, cancellationToken);
}

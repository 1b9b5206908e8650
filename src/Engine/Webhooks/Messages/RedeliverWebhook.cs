using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>Queues a delivered or failed event again, with the same <c>webhook-id</c>.</summary>
public sealed record RedeliverWebhook(Caller Caller, string Id, long DeliveryId) : ICommand<WebhookDeliveryView>;

internal sealed class RedeliverWebhookHandler(WebhookSubscriptionService subscriptions) : ICommandHandler<RedeliverWebhook, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(RedeliverWebhook message, CancellationToken cancellationToken) =>
        await subscriptions.RedeliverAsync(message.Caller, message.Id, message.DeliveryId, cancellationToken);
}

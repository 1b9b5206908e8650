using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>One subscription the caller may see.</summary>
public sealed record GetWebhookSubscription(Caller Caller, string Id) : IQuery<WebhookSubscriptionView>;

internal sealed class GetWebhookSubscriptionHandler(WebhookSubscriptionService subscriptions) : IQueryHandler<GetWebhookSubscription, WebhookSubscriptionView>
{
    public async ValueTask<WebhookSubscriptionView> Handle(GetWebhookSubscription message, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(message.Caller, message.Id, cancellationToken);
}

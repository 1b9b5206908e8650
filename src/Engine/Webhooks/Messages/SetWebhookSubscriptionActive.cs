using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>Turns a subscription on or off.</summary>
public sealed record SetWebhookSubscriptionActive(Caller Caller, string Id, bool Active) : ICommand<WebhookSubscriptionView>;

internal sealed class SetWebhookSubscriptionActiveHandler(WebhookSubscriptionService subscriptions) : ICommandHandler<SetWebhookSubscriptionActive, WebhookSubscriptionView>
{
    public async ValueTask<WebhookSubscriptionView> Handle(SetWebhookSubscriptionActive message, CancellationToken cancellationToken) =>
        await subscriptions.SetActiveAsync(message.Caller, message.Id, message.Active, cancellationToken);
}

using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>Makes a subscription for the caller's agency; the answer carries the secret, shown this once.</summary>
public sealed record CreateWebhookSubscription(Caller Caller, WebhookSubscriptionInput Input) : ICommand<CreatedWebhookSubscription>;

internal sealed class CreateWebhookSubscriptionHandler(WebhookSubscriptionService subscriptions) : ICommandHandler<CreateWebhookSubscription, CreatedWebhookSubscription>
{
    public async ValueTask<CreatedWebhookSubscription> Handle(CreateWebhookSubscription message, CancellationToken cancellationToken) =>
        await subscriptions.CreateAsync(message.Caller, message.Input, cancellationToken);
}

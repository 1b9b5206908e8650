using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.Webhooks.Messages;

/// <summary>Deletes a subscription with its delivery log.</summary>
public sealed record DeleteWebhookSubscription(Caller Caller, string Id) : ICommand;

internal sealed class DeleteWebhookSubscriptionHandler(WebhookSubscriptionService subscriptions) : ICommandHandler<DeleteWebhookSubscription>
{
    public async ValueTask<Unit> Handle(DeleteWebhookSubscription message, CancellationToken cancellationToken)
    {
        await subscriptions.DeleteAsync(message.Caller, message.Id, cancellationToken);
        return Unit.Value;
    }
}

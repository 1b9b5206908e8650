using AiPlusTasks.Engine.Notifications;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>
/// Raised when events were committed to the outbox (by a burst's commit or any EF Core commit): wakes each reader of the
/// outbox — the webhook dispatcher and the notification fan-out — so events go out without a poll's wait.
/// </summary>
public sealed class OutboxSignal(WebhookDispatchSignal webhooks, NotificationFanOutSignal notifications)
{
    public void Notify()
    {
        webhooks.Notify();
        notifications.Notify();
    }
}

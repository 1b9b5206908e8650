using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>Wakes the webhook dispatcher: events were committed to the outbox, or deliveries became due again.</summary>
public sealed class WebhookDispatchSignal : WakeSignal;

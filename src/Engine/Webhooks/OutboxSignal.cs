using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Webhooks;

/// <summary>Wakes the webhook dispatcher when events were committed to the outbox, so they go out without a poll's wait.</summary>
public sealed class OutboxSignal : WakeSignal;

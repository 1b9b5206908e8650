using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Wakes the notification fan-out: events were committed to the outbox (raised with every <c>OutboxSignal</c>).</summary>
public sealed class NotificationFanOutSignal : WakeSignal;

using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Wakes the notification sender when deliveries were queued.</summary>
public sealed class NotificationDeliverySignal : WakeSignal;

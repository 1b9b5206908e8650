using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Wakes the notification fan-out after a commit through EF Core, so notifications need not wait for its poll.</summary>
public sealed class NotificationFanOutSignal : WakeSignal;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Where a delivery (one e-mail or SMS) stands.</summary>
public enum NotificationDeliveryState
{
    /// <summary>Waiting to be sent (first time or retry), at its <c>NextAttemptAt</c>; also while its channel is not configured.</summary>
    Pending,

    /// <summary>Claimed by a sender, which may be talking to the server now; sent again when its lease runs out.</summary>
    Sending,

    /// <summary>The server accepted it.</summary>
    Sent,

    /// <summary>Given up: the server refused it for good, or it failed too many times. The last error says why.</summary>
    Failed,

    /// <summary>Created in the user's quiet hours: waits until they end.</summary>
    Held,
}

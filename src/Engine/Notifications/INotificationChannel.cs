namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// A channel that sends a message out of the product (e-mail, SMS). The delivery pipeline calls it once per attempt and
/// records the outcome; the channel itself keeps no state about deliveries.
/// </summary>
public interface INotificationChannel
{
    /// <summary>One of <see cref="NotificationChannels"/> (not <see cref="NotificationChannels.InApp"/>).</summary>
    string Name { get; }

    /// <summary>False when the channel has no server configured: its deliveries wait instead of failing.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends one message. The same <see cref="OutgoingMessage.MessageId"/> is sent again on a retry, so a receiver can drop a duplicate.</summary>
    /// <exception cref="NotificationSendException">The server refused or could not be reached.</exception>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

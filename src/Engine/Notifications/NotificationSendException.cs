namespace AiPlusTasks.Engine.Notifications;

/// <summary>A channel could not send a message.</summary>
/// <param name="message">What went wrong, without the recipient's address (it goes to the delivery log).</param>
/// <param name="permanent">True when sending again cannot help (an address the server refuses); false for outages and time-outs.</param>
/// <param name="innerException">The error behind it, if any.</param>
public sealed class NotificationSendException(string message, bool permanent, Exception? innerException = null) : Exception(message, innerException)
{
    public bool Permanent { get; } = permanent;
}

namespace AiPlusTasks.Engine.Retention;

/// <summary>
/// Notifications: a read one is kept <see cref="RetentionKind.KeepFor"/> after it was read, any one
/// <see cref="KeepUnreadFor"/> after it was made; never one with an e-mail or SMS still to send.
/// </summary>
public sealed class NotificationRetention : RetentionKind
{
    /// <summary>How long a notification is kept however it stands (an unread one too). Default 365 days.</summary>
    public TimeSpan KeepUnreadFor { get; set; } = TimeSpan.FromDays(365);
}

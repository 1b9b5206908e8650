namespace AiPlusTasks.Engine.Notifications;

/// <summary>The ways a notification reaches a person.</summary>
public static class NotificationChannels
{
    /// <summary>In the product: the bell and the notification page.</summary>
    public const string InApp = "in-app";

    /// <summary>E-mail over SMTP.</summary>
    public const string Email = "email";

    /// <summary>A text message through the configured SMS gateway.</summary>
    public const string Sms = "sms";

    /// <summary>Every channel, in the order the preferences page shows them.</summary>
    public static readonly IReadOnlyList<string> All = [InApp, Email, Sms];
}

namespace AiPlusTasks.Engine.Notifications;

/// <summary>The languages notifications are written in.</summary>
public static class NotificationLanguages
{
    /// <summary>Chinese, the default.</summary>
    public const string Chinese = "zh";

    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];
}

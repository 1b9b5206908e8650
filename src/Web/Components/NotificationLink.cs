using AiPlusTasks.Engine.Notifications;

namespace AiPlusTasks.Web.Components;

/// <summary>Where a notification leads in the UI: the engine's link (a task's page, the inbox), else the notification page.</summary>
public static class NotificationLink
{
    /// <summary>An address within the product, e.g. <c>/tasks/01J…</c>.</summary>
    public static string For(NotificationView notification) => notification.Link ?? "notifications";
}

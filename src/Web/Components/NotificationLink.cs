using AiPlusTasks.Engine.Notifications;

namespace AiPlusTasks.Web.Components;

/// <summary>Where a notification leads in the UI: its task's page, or the notification page when it names no task (the daily to-do list).</summary>
public static class NotificationLink
{
    /// <summary>A base-relative address, e.g. <c>tasks/01J…</c>.</summary>
    public static string For(NotificationView notification) =>
        notification.TaskId is { Length: > 0 } taskId ? "tasks/" + Uri.EscapeDataString(taskId) : "inbox";
}

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Which of a user's notifications to list, newest first.</summary>
/// <param name="UnreadOnly">Only those not yet read. Default false.</param>
/// <param name="Page">From 1. Default 1.</param>
/// <param name="PageSize">1–200. Default 20.</param>
public sealed record NotificationQuery(bool UnreadOnly = false, int Page = 1, int PageSize = 20);

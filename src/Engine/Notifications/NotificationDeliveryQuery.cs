namespace AiPlusTasks.Engine.Notifications;

/// <summary>Which deliveries to list, newest first.</summary>
/// <param name="State">Only this state; null for all.</param>
/// <param name="Channel">Only this channel (<c>email</c>, <c>sms</c>); null for both.</param>
/// <param name="User">Only this recipient's (user id); null for everyone's.</param>
/// <param name="Page">From 1. Default 1.</param>
/// <param name="PageSize">1–200. Default 50.</param>
public sealed record NotificationDeliveryQuery(NotificationDeliveryState? State = null, string? Channel = null, string? User = null, int Page = 1, int PageSize = 50);

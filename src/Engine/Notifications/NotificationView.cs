namespace AiPlusTasks.Engine.Notifications;

/// <summary>A notification as its recipient sees it, in the language it was written in.</summary>
/// <param name="Id">The notification's id.</param>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="Title">The title (e.g. 催办：…).</param>
/// <param name="Body">The text.</param>
/// <param name="Link">Where it leads in the product (<c>/tasks/{id}</c>, <c>/inbox</c>); null when nowhere.</param>
/// <param name="TaskId">The task it is about; null for a digest.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="ReadAt">When it was marked read; null while unread.</param>
public sealed record NotificationView(long Id, string Kind, string Title, string Body, string? Link, string? TaskId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

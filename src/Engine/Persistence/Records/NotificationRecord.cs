namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// One notification to one user (the in-app copy, and the source of its e-mail and SMS deliveries), rendered in the
/// user's language when the event was fanned out. At most one per event and user.
/// </summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    /// <summary>The recipient's user id (the login name).</summary>
    public required string UserId { get; set; }

    /// <summary>One of <c>Notifications.NotificationKinds</c>.</summary>
    public required string Kind { get; set; }

    public string? TaskId { get; set; }

    public string? InstanceId { get; set; }

    /// <summary>The outbox event it came from (<see cref="OutboxRecord.Id"/>), or <c>digest:yyyy-MM-dd</c> for a daily digest.</summary>
    public required string EventId { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    /// <summary>Where the notification leads in the product (e.g. <c>/tasks/{id}</c>); null when nowhere.</summary>
    public string? Link { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the user marked it read; null while unread.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

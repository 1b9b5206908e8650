using AiPlusTasks.Engine.Notifications;

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>
/// A notification's sending on one channel out of the product (e-mail, SMS), with its state and attempts. The message
/// is rendered when queued, so every attempt sends the same text with the same <see cref="MessageId"/>; the address is
/// kept masked only and read from the user when sending.
/// </summary>
public sealed class NotificationDeliveryRecord
{
    public long Id { get; set; }

    public long NotificationId { get; set; }

    /// <summary>The notification it carries: set when both are queued together, so they are written in one save.</summary>
    public NotificationRecord? Notification { get; set; }

    public required string UserId { get; set; }

    /// <summary><see cref="NotificationChannels.Email"/> or <see cref="NotificationChannels.Sms"/>.</summary>
    public required string Channel { get; set; }

    /// <summary>The notification's kind (<see cref="NotificationKinds"/>), for the delivery log.</summary>
    public required string Kind { get; set; }

    public NotificationDeliveryState State { get; set; }

    /// <summary>The e-mail's Message-ID / the SMS request's idempotency key: the same on every attempt.</summary>
    public required string MessageId { get; set; }

    /// <summary>The address as it was when queued, masked (<c>zh***@example.cn</c>, <c>138****8000</c>); never the real one.</summary>
    public string? MaskedAddress { get; set; }

    /// <summary><c>zh</c> or <c>en</c>.</summary>
    public required string Language { get; set; }

    /// <summary>The e-mail subject; null for SMS.</summary>
    public string? Subject { get; set; }

    public required string Body { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the delivery is due (its first send, the end of quiet hours, or its next retry).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>While <see cref="NotificationDeliveryState.Sending"/>: until when the sender holds it; after that it is sent again.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>The sender's claim on the row while sending (one round of one node).</summary>
    public string? LeaseToken { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}

namespace AiPlusTasks.Engine.Notifications;

/// <summary>One e-mail or SMS in the delivery log. The address is masked; the text is not shown.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="NotificationId">The notification it carries.</param>
/// <param name="UserId">The recipient's user id.</param>
/// <param name="UserName">The recipient's display name (the user id when none).</param>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="Channel"><see cref="NotificationChannels.Email"/> or <see cref="NotificationChannels.Sms"/>.</param>
/// <param name="State">Where it stands.</param>
/// <param name="MaskedAddress">The address, masked (<c>zh***@example.cn</c>, <c>138****8000</c>); null when the user had none.</param>
/// <param name="MessageId">The Message-ID / idempotency key every attempt carries.</param>
/// <param name="Attempts">Attempts so far.</param>
/// <param name="NextAttemptAt">When it is (or was) due next.</param>
/// <param name="LastError">Why the last attempt failed; null when it did not.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="SentAt">When the server accepted it; null until then.</param>
public sealed record NotificationDeliveryView(
    long Id,
    long NotificationId,
    string UserId,
    string UserName,
    string Kind,
    string Channel,
    NotificationDeliveryState State,
    string? MaskedAddress,
    string MessageId,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

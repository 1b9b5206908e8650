namespace AiPlusTasks.Engine.Notifications;

/// <summary>A rendered message for one recipient on one channel.</summary>
/// <param name="MessageId">Stable across retries of the same delivery (the e-mail's Message-ID, the SMS request's idempotency key).</param>
/// <param name="Address">The e-mail address or mobile number.</param>
/// <param name="Subject">The e-mail subject; null for SMS.</param>
/// <param name="Body">Plain text.</param>
/// <param name="Language"><c>zh</c> or <c>en</c>.</param>
public sealed record OutgoingMessage(string MessageId, string Address, string? Subject, string Body, string Language);

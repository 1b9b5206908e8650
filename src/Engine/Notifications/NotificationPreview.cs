namespace AiPlusTasks.Engine.Notifications;

/// <summary>A template rendered with a sample task (人工智能+制造业中试基地建设, 广东省…).</summary>
/// <param name="Subject">The rendered subject; null for SMS.</param>
/// <param name="Body">The rendered text.</param>
/// <param name="Characters">The body's length in characters (for SMS, as sent: the signature included, GSM-7 extension characters counted twice).</param>
/// <param name="SmsSegments">For SMS: how many messages it takes (<see cref="SmsText"/>); else null.</param>
public sealed record NotificationPreview(string? Subject, string Body, int Characters, int? SmsSegments);

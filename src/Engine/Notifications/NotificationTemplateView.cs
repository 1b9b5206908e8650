namespace AiPlusTasks.Engine.Notifications;

/// <summary>A notification template: the text of one kind, on one channel, in one language.</summary>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="Channel">One of <see cref="NotificationChannels"/>.</param>
/// <param name="Language">One of <see cref="NotificationLanguages"/>.</param>
/// <param name="Subject">The in-app title or e-mail subject; null for SMS.</param>
/// <param name="Body">The text, with placeholders (<see cref="NotificationText.Placeholders"/>).</param>
/// <param name="IsDefault">True when no one changed it (the built-in text).</param>
/// <param name="UpdatedBy">Who last changed it; null for the built-in text.</param>
/// <param name="UpdatedAt">When it was last changed; null for the built-in text.</param>
public sealed record NotificationTemplateView(string Kind, string Channel, string Language, string? Subject, string Body, bool IsDefault, string? UpdatedBy, DateTimeOffset? UpdatedAt);

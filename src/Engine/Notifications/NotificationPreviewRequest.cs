namespace AiPlusTasks.Engine.Notifications;

/// <summary>What to preview: a template's kind, channel and language, and the text to try (the template in force when left out).</summary>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="Channel">One of <see cref="NotificationChannels"/>.</param>
/// <param name="Language">One of <see cref="NotificationLanguages"/>.</param>
/// <param name="Subject">The subject to try; null: the one in force (none for SMS).</param>
/// <param name="Body">The body to try; null: the one in force.</param>
public sealed record NotificationPreviewRequest(string? Kind, string? Channel, string? Language, string? Subject, string? Body);

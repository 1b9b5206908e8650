namespace AiPlusTasks.Engine.Notifications;

/// <summary>A template's new text, or (for a preview) the text to try.</summary>
/// <param name="Subject">The in-app title or e-mail subject (required there); must be left out for SMS.</param>
/// <param name="Body">The text (required), with placeholders (<see cref="NotificationText.Placeholders"/>).</param>
public sealed record NotificationTemplateInput(string? Subject, string? Body);

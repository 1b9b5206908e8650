namespace AiPlusTasks.Engine.Notifications;

/// <summary>New notification settings; a part left out keeps its current value.</summary>
/// <param name="Language"><c>zh</c> or <c>en</c>.</param>
/// <param name="Channels">Per kind, the channels out of the product (<c>email</c>, <c>sms</c>); kinds left out keep theirs.</param>
/// <param name="QuietHours">Quiet hours: on/off, from, to (<c>HH:mm</c>, different times).</param>
public sealed record NotificationPreferencesInput(string? Language, IReadOnlyDictionary<string, IReadOnlyList<string>?>? Channels, QuietHours? QuietHours);

namespace AiPlusTasks.Engine.Notifications;

/// <summary>A user's notification settings, defaults filled in.</summary>
/// <param name="Language"><c>zh</c> (default) or <c>en</c>: the language of their notifications.</param>
/// <param name="Channels">
/// Per kind (<see cref="NotificationKinds"/>, every kind present), the channels out of the product
/// (<see cref="NotificationChannels.Email"/>, <see cref="NotificationChannels.Sms"/>) that also carry it. In-app
/// notifications are always on: the notification page is the record of what a person was told. Default: e-mail for
/// every kind, SMS for 催办 and above.
/// </param>
/// <param name="QuietHours">When e-mail and SMS wait (<see cref="Notifications.QuietHours.Default"/>).</param>
public sealed record NotificationPreferencesView(string Language, IReadOnlyDictionary<string, IReadOnlyList<string>> Channels, QuietHours QuietHours);

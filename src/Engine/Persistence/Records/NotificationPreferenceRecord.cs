namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A user's notification settings; a user without a row has the defaults.</summary>
public sealed class NotificationPreferenceRecord
{
    /// <summary>The user's id (the login name).</summary>
    public required string UserId { get; set; }

    /// <summary><c>zh</c> or <c>en</c>: the language notifications are written in.</summary>
    public required string Language { get; set; }

    /// <summary>The channels out of the product per kind, JSON: <c>{"urge":["email","sms"], …}</c>; a kind not named has its default.</summary>
    public required string Channels { get; set; }

    public bool QuietHoursEnabled { get; set; }

    /// <summary>Start of quiet hours, <c>HH:mm</c> in the engine's time zone.</summary>
    public required string QuietFrom { get; set; }

    /// <summary>End of quiet hours, <c>HH:mm</c> in the engine's time zone.</summary>
    public required string QuietTo { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

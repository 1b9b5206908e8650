namespace AiPlusTasks.Engine.Notifications;

/// <summary>How a text message is encoded on the air, which sets how much fits in one (<see cref="SmsText"/>).</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 alphabet: 160 characters in one message, 153 per part of a long one.</summary>
    Gsm7,

    /// <summary>UCS-2, for any character outside GSM 03.38 (every Chinese text): 70 in one message, 67 per part.</summary>
    Ucs2,
}

namespace AiPlusTasks.Engine.Notifications;

/// <summary>The size of a text message as the carrier counts it, signature included (<see cref="SmsText.Measure"/>).</summary>
/// <param name="Encoding">GSM-7 when every character is in GSM 03.38, otherwise UCS-2.</param>
/// <param name="Length">Characters as counted for <paramref name="Encoding"/>: GSM-7's extension characters (<c>{}[]~|^€\</c>) count two, UCS-2 counts UTF-16 units (an emoji two).</param>
/// <param name="Segments">Messages it is sent as: 1 when it fits in a single one, otherwise the parts of a long message.</param>
public sealed record SmsMeasure(SmsEncoding Encoding, int Length, int Segments);

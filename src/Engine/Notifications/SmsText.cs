using System.Text;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>
/// The length rules of a text message, in one place. A message is sent as <see cref="SmsGatewayOptions.Signature"/>
/// followed by the text, so the signature counts. GSM-7 when every character is in GSM 03.38 (160 characters single,
/// 153 per part of a long message), otherwise UCS-2 (70 single, 67 per part): any Chinese, in the text or in the
/// signature, makes it UCS-2. A message may take at most <see cref="SmsGatewayOptions.MaxSegments"/> parts.
/// </summary>
/// <param name="signature">The signature sent before every text, e.g. <c>【AI+督办】</c>.</param>
/// <param name="maxSegments">Most parts a message may take, 1 or more.</param>
public sealed class SmsText(string signature, int maxSegments)
{
    /// <summary>GSM-7: characters in one message.</summary>
    public const int Gsm7Single = 160;

    /// <summary>GSM-7: characters per part of a long message.</summary>
    public const int Gsm7PerSegment = 153;

    /// <summary>UCS-2: characters in one message.</summary>
    public const int Ucs2Single = 70;

    /// <summary>UCS-2: characters per part of a long message.</summary>
    public const int Ucs2PerSegment = 67;

    /// <summary>Ends a shortened Chinese (UCS-2) text.</summary>
    public const string Ellipsis = "…";

    /// <summary>Ends a shortened GSM-7 text: three full stops, since <c>…</c> is not in GSM 03.38 and would make it UCS-2.</summary>
    public const string Gsm7Ellipsis = "...";

    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "\f^{}\\[~]|€";

    /// <summary>The signature every message starts with.</summary>
    public string Signature { get; } = signature;

    /// <summary>Most parts a message may take.</summary>
    public int MaxSegments { get; } = maxSegments >= 1 ? maxSegments : throw new ArgumentOutOfRangeException(nameof(maxSegments), "a message takes at least one part");

    /// <summary>The size of <paramref name="text"/> as sent: signature and text.</summary>
    public SmsMeasure Measure(string text)
    {
        var sent = Signature + text;
        var encoding = IsGsm7(sent) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        var length = Length(sent, encoding);
        var (single, perSegment) = Limits(encoding);
        var segments = length <= single ? 1 : (length + perSegment - 1) / perSegment;
        return new SmsMeasure(encoding, length, segments);
    }

    /// <summary>True when <paramref name="text"/> with the signature takes at most <see cref="MaxSegments"/> parts.</summary>
    public bool Fits(string text) => Measure(text).Segments <= MaxSegments;

    /// <summary>
    /// <paramref name="text"/> itself when it fits; otherwise its longest prefix (whole characters, trailing spaces dropped)
    /// followed by <see cref="Ellipsis"/> (<see cref="Gsm7Ellipsis"/> for a GSM-7 text) that fits.
    /// </summary>
    /// <exception cref="InvalidOperationException">The signature alone leaves no room for a text.</exception>
    public string Fit(string text)
    {
        if (Fits(text))
        {
            return text;
        }

        var encoding = IsGsm7(Signature + text) ? SmsEncoding.Gsm7 : SmsEncoding.Ucs2;
        var ellipsis = encoding == SmsEncoding.Gsm7 ? Gsm7Ellipsis : Ellipsis;
        var (single, perSegment) = Limits(encoding);
        var capacity = MaxSegments == 1 ? single : MaxSegments * perSegment;
        var room = capacity - Length(Signature + ellipsis, encoding);
        if (room < 0)
        {
            throw new InvalidOperationException("the SMS signature leaves no room for a text");
        }

        var used = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var cost = Cost(rune, encoding);
            if (used + cost > room)
            {
                break;
            }

            used += cost;
            end += rune.Utf16SequenceLength;
        }

        return text[..end].TrimEnd() + ellipsis;
    }

    /// <summary>True when every character of <paramref name="text"/> is in GSM 03.38 (basic set or extension).</summary>
    public static bool IsGsm7(string text) => text.All(c => Gsm7Basic.Contains(c) || Gsm7Extension.Contains(c));

    private static int Length(string text, SmsEncoding encoding) =>
        encoding == SmsEncoding.Ucs2 ? text.Length : text.Sum(c => Gsm7Extension.Contains(c) ? 2 : 1);

    private static int Cost(Rune rune, SmsEncoding encoding) =>
        encoding == SmsEncoding.Ucs2 ? rune.Utf16SequenceLength
        : rune.IsBmp && Gsm7Extension.Contains((char)rune.Value) ? 2 : 1;

    private static (int Single, int PerSegment) Limits(SmsEncoding encoding) =>
        encoding == SmsEncoding.Gsm7 ? (Gsm7Single, Gsm7PerSegment) : (Ucs2Single, Ucs2PerSegment);
}

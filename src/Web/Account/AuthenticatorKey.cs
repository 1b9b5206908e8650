using QRCoder;

namespace AiPlusTasks.Web.Account;

/// <summary>
/// How an authenticator key is shown for enrolment: an <c>otpauth://</c> address (RFC 6238 TOTP: SHA-1, 6 digits, 30 s,
/// the format authenticator apps scan) drawn as a QR code, and the key itself in groups of four for typing.
/// </summary>
public static class AuthenticatorKey
{
    /// <summary>The issuer an authenticator app lists the account under.</summary>
    public const string Issuer = "AI+任务督办";

    /// <summary>The <c>otpauth://totp/…</c> address of <paramref name="key"/> (base32) for <paramref name="userName"/>.</summary>
    public static string OtpAuthUri(string userName, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(userName)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The QR code of <paramref name="uri"/> as an SVG document (black on white, scaled by its viewBox).</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The key in lower case, in groups of four separated by spaces (apps ignore case and spaces).</summary>
    public static string Grouped(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
}

using System.Net.Mail;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// The rules for a person's e-mail address and mobile number, in one place: what is accepted, how it is stored, and how
/// it is shown to anyone but its owner. Contact details are never written to logs or the audit trail.
/// </summary>
public static class ContactDetails
{
    /// <summary>Longest e-mail address (RFC 5321's path limit).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>
    /// The address trimmed, or null when it is not one address of the form <c>local@domain.tld</c> (no display name, no
    /// spaces, a dot in the domain, at most <see cref="MaxEmailLength"/> characters).
    /// </summary>
    public static string? NormalizeEmail(string? value)
    {
        var address = value?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > MaxEmailLength || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return null;
        }

        return MailAddress.TryCreate(address, out var parsed)
            && parsed.Address == address
            && parsed.DisplayName.Length == 0
            && parsed.Host.Contains('.', StringComparison.Ordinal)
            && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.')
                ? address
                : null;
    }

    /// <summary>
    /// A mainland China mobile number as 11 digits (<c>1[3-9]</c> and 9 more), or null when it is not one. Spaces and
    /// dashes are dropped, and so is a leading <c>+86</c>: <c>138 0000 0001</c> and <c>+86 138-0000-0001</c> are both
    /// <c>13800000001</c>.
    /// </summary>
    public static string? NormalizeMobile(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var digits = value.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>
    /// The address as others see it: the first two characters of the local part, <c>***</c>, then the domain
    /// (<c>gu***@example.gov.cn</c>); a local part of one or two characters keeps only its first. Null stays null.
    /// </summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            return "***";
        }

        var kept = at > 2 ? 2 : 1;
        return string.Concat(email.AsSpan(0, kept), "***", email.AsSpan(at));
    }

    /// <summary>The number as others see it: the first three and last four digits (<c>138****0001</c>). Null stays null.</summary>
    public static string? MaskMobile(string? mobile) =>
        string.IsNullOrEmpty(mobile) ? null
        : mobile.Length < 8 ? "****"
        : string.Concat(mobile.AsSpan(0, 3), "****", mobile.AsSpan(mobile.Length - 4));
}

using System.Security.Claims;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Maps the claims a platform sent (ID token, and userinfo when configured; claim types as the platform names them) to an
/// agency and roles here, by the provider's configuration.
/// </summary>
public static partial class SingleSignOnClaimMap
{
    /// <summary>The longest display name kept (longer ones are cut).</summary>
    public const int DisplayNameMaxLength = 64;

    /// <summary>The platform user as seen here.</summary>
    /// <param name="provider">The platform.</param>
    /// <param name="external">The principal the OpenID Connect handler built from the platform's tokens.</param>
    /// <param name="twoFactorRoles">The roles that need a second factor (<c>Security:TwoFactorRoles</c>).</param>
    /// <exception cref="SingleSignOnRefusedException">
    /// No subject (<see cref="SingleSignOnRefusal.Failed"/>); no single mapped agency
    /// (<see cref="SingleSignOnRefusal.Agency"/>); no mapped role (<see cref="SingleSignOnRefusal.Role"/>); roles that
    /// need two factors without a second factor reported (<see cref="SingleSignOnRefusal.SecondFactor"/>).
    /// </exception>
    public static SingleSignOnIdentity Map(SingleSignOnProvider provider, ClaimsPrincipal external, IReadOnlyCollection<string> twoFactorRoles)
    {
        var subject = external.FindFirst("sub")?.Value ?? external.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            throw new SingleSignOnRefusedException(SingleSignOnRefusal.Failed, $"{provider.Name}: the platform sent no subject");
        }

        var agency = MapAgency(provider, external, subject);
        var roles = Values(external, provider.RoleClaim)
            .Select(v => provider.RoleMap.TryGetValue(v, out var role) ? role : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        if (roles.Count == 0)
        {
            throw new SingleSignOnRefusedException(
                SingleSignOnRefusal.Role,
                $"{provider.Name}: subject {subject} has no mapped role (claim '{provider.RoleClaim}': {Describe(external, provider.RoleClaim)})");
        }

        if (!provider.AssumeSecondFactor && roles.Overlaps(twoFactorRoles)
            && !Values(external, "amr").Any(m => provider.EffectiveSecondFactorMethods.Contains(m, StringComparer.Ordinal)))
        {
            throw new SingleSignOnRefusedException(
                SingleSignOnRefusal.SecondFactor,
                $"{provider.Name}: subject {subject} has roles that need two factors and the platform reported amr {Describe(external, "amr")}");
        }

        var preferred = string.IsNullOrEmpty(provider.UserNameClaim) ? null : external.FindFirst(provider.UserNameClaim)?.Value?.Trim().ToLowerInvariant();
        var display = external.FindFirst(provider.DisplayNameClaim)?.Value?.Trim();
        return new SingleSignOnIdentity(
            provider.Name,
            subject,
            agency,
            roles,
            preferred is not null && LoginName().IsMatch(preferred) ? preferred : null,
            string.IsNullOrEmpty(display) ? null : display[..Math.Min(display.Length, DisplayNameMaxLength)]);
    }

    private static string MapAgency(SingleSignOnProvider provider, ClaimsPrincipal external, string subject)
    {
        if (!string.IsNullOrWhiteSpace(provider.FixedAgency))
        {
            return provider.FixedAgency;
        }

        var agencies = Values(external, provider.AgencyClaim!)
            .Select(v => provider.AgencyMap.TryGetValue(v, out var code) ? code : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return agencies.Count == 1
            ? agencies[0]
            : throw new SingleSignOnRefusedException(
                SingleSignOnRefusal.Agency,
                $"{provider.Name}: subject {subject} maps to {agencies.Count} agencies (claim '{provider.AgencyClaim}': {Describe(external, provider.AgencyClaim!)})");
    }

    private static IEnumerable<string> Values(ClaimsPrincipal external, string type) =>
        external.FindAll(type).Select(c => c.Value.Trim()).Where(v => v.Length > 0);

    /// <summary>The claim's values for the log and the audit line (truncated: a platform's claim is not ours to trust).</summary>
    private static string Describe(ClaimsPrincipal external, string type)
    {
        var values = string.Join(", ", Values(external, type).Take(5));
        return values.Length == 0 ? "none" : values[..Math.Min(values.Length, 120)];
    }

    /// <summary>A login name part: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginName();
}

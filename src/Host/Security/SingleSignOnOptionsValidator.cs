using System.Text.RegularExpressions;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Host.Security;

/// <summary>
/// Checks <see cref="SingleSignOnOptions"/> at start-up and reports every problem at once: names, display names,
/// authority, client, the agency (fixed, or a claim with a map to agencies of the directory) and the role map (agency
/// roles only, unless it is the NDRC's own platform).
/// </summary>
public sealed partial class SingleSignOnOptionsValidator(AgencyDirectory? agencies = null) : IValidateOptions<SingleSignOnOptions>
{
    public ValidateOptionsResult Validate(string? name, SingleSignOnOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var provider = options.Providers[i];
            var at = $"{SingleSignOnOptions.SectionName}:Providers:{i}";
            if (!NamePattern().IsMatch(provider.Name))
            {
                failures.Add($"{at}:Name must be 1-32 lower-case letters, digits or '-', starting with a letter (is '{provider.Name}').");
            }
            else if (!seen.Add(provider.Name))
            {
                failures.Add($"{at}:Name '{provider.Name}' is used by another provider.");
            }

            Require(failures, at, nameof(provider.ChineseName), provider.ChineseName);
            Require(failures, at, nameof(provider.EnglishName), provider.EnglishName);
            Require(failures, at, nameof(provider.ClientId), provider.ClientId);
            Require(failures, at, nameof(provider.RoleClaim), provider.RoleClaim);
            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{at}:Authority must be an absolute https URL (is '{provider.Authority}').");
            }
            else if (authority.Scheme != Uri.UriSchemeHttps && provider.RequireHttpsMetadata)
            {
                failures.Add($"{at}:Authority must be https (set RequireHttpsMetadata false only for a test platform on loopback).");
            }

            ValidateAgency(failures, at, provider);
            ValidateRoles(failures, at, provider);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateAgency(List<string> failures, string at, SingleSignOnProvider provider)
    {
        var hasFixed = !string.IsNullOrWhiteSpace(provider.FixedAgency);
        var hasClaim = !string.IsNullOrWhiteSpace(provider.AgencyClaim);
        if (hasFixed == hasClaim)
        {
            failures.Add($"{at}: set exactly one of FixedAgency or AgencyClaim (with AgencyMap).");
        }

        if (hasClaim && provider.AgencyMap.Count == 0)
        {
            failures.Add($"{at}:AgencyMap must map the values of AgencyClaim '{provider.AgencyClaim}' to agency codes.");
        }

        var codes = hasFixed ? [provider.FixedAgency!] : provider.AgencyMap.Values.ToList();
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            if (agencies is not null && agencies.Find(code) is null)
            {
                failures.Add($"{at}: agency '{code}' is not in the agency directory.");
            }

            if (code == AgencyDirectory.CoordinatorCode && !provider.AllowNdrcRoles)
            {
                failures.Add($"{at}: only the NDRC's own platform (AllowNdrcRoles) may sign users in to agency '{code}'.");
            }
        }

        if (provider.AllowNdrcRoles && provider.FixedAgency != AgencyDirectory.CoordinatorCode)
        {
            failures.Add($"{at}:AllowNdrcRoles needs FixedAgency '{AgencyDirectory.CoordinatorCode}': no other platform may give NDRC roles.");
        }
    }

    private static void ValidateRoles(List<string> failures, string at, SingleSignOnProvider provider)
    {
        if (provider.RoleMap.Count == 0)
        {
            failures.Add($"{at}:RoleMap must map the values of RoleClaim to roles ({Roles.AgencyStaff}, {Roles.AgencyLead}).");
        }

        foreach (var (value, role) in provider.RoleMap)
        {
            if (!Roles.All.Contains(role, StringComparer.Ordinal))
            {
                failures.Add($"{at}:RoleMap:{value} maps to '{role}', which is not a role ({string.Join(", ", Roles.All)}).");
            }
            else if (!Roles.Agency.Contains(role) && !provider.AllowNdrcRoles)
            {
                failures.Add($"{at}:RoleMap:{value} maps to '{role}': a province's or ministry's platform gives only {Roles.AgencyStaff} and {Roles.AgencyLead}.");
            }
        }
    }

    private static void Require(List<string> failures, string at, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{at}:{field} is required.");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}

namespace AiPlusTasks.Host.Security;

/// <summary>A platform user as this product sees them, mapped from the platform's claims by <see cref="SingleSignOnClaimMap"/>.</summary>
/// <param name="Provider">The provider's name (<see cref="SingleSignOnProvider.Name"/>), the external login's provider.</param>
/// <param name="Subject">The platform's stable id of the user (<c>sub</c>), the external login's key.</param>
/// <param name="AgencyCode">The agency mapped from the platform's claims.</param>
/// <param name="Roles">The roles mapped from the platform's claims (never empty).</param>
/// <param name="PreferredName">The platform's login name of the user, when it is a plain login name; null otherwise.</param>
/// <param name="DisplayName">The person's name at the platform, or null.</param>
public sealed record SingleSignOnIdentity(
    string Provider, string Subject, string AgencyCode, IReadOnlySet<string> Roles, string? PreferredName, string? DisplayName);

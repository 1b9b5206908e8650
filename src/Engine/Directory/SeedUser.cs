namespace AiPlusTasks.Engine.Directory;

/// <summary>A user to seed for local use.</summary>
/// <param name="Username">The login name.</param>
/// <param name="AgencyCode">The user's agency.</param>
/// <param name="Roles">The user's roles.</param>
/// <param name="DisplayName">The person's name, if any.</param>
/// <param name="Email">An example e-mail address (a reserved <c>example</c> domain), if any.</param>
/// <param name="Mobile">An example mobile number (11 digits), if any.</param>
public sealed record SeedUser(string Username, string AgencyCode, IReadOnlyList<string> Roles, string? DisplayName, string? Email = null, string? Mobile = null);

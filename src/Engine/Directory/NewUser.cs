namespace AiPlusTasks.Engine.Directory;

/// <summary>A user to create (see <see cref="UserAdministration.CreateAsync"/>).</summary>
/// <param name="Username">The login name: lower-case letters, digits, <c>.</c>, <c>_</c> or <c>-</c>, 3–64 characters, unused.</param>
/// <param name="DisplayName">The person's name, 1–<see cref="UserAdministration.MaxDisplayNameLength"/> characters.</param>
/// <param name="Agency">The user's agency; default: the caller's.</param>
/// <param name="Roles">At least one role the caller may grant.</param>
/// <param name="Email">The user's e-mail address (<see cref="ContactDetails.NormalizeEmail"/>); null or blank: none.</param>
/// <param name="Mobile">The user's mainland mobile number (<see cref="ContactDetails.NormalizeMobile"/>); null or blank: none.</param>
public sealed record NewUser(string? Username, string? DisplayName, string? Agency, IReadOnlyList<string>? Roles, string? Email = null, string? Mobile = null);

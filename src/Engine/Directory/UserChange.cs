namespace AiPlusTasks.Engine.Directory;

/// <summary>What to change of a user (see <see cref="UserAdministration.UpdateAsync"/>); a null field stays as it is.</summary>
/// <param name="DisplayName">The new display name, 1–<see cref="UserAdministration.MaxDisplayNameLength"/> characters.</param>
/// <param name="Roles">The new roles, replacing the old ones: at least one.</param>
/// <param name="Email">The new e-mail address (<see cref="ContactDetails.NormalizeEmail"/>); blank removes it.</param>
/// <param name="Mobile">The new mainland mobile number (<see cref="ContactDetails.NormalizeMobile"/>); blank removes it.</param>
public sealed record UserChange(string? DisplayName = null, IReadOnlyList<string>? Roles = null, string? Email = null, string? Mobile = null);

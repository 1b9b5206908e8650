namespace AiPlusTasks.Engine.Directory;

/// <summary>What to change of a user (see <see cref="UserAdministration.UpdateAsync"/>); a null field stays as it is.</summary>
/// <param name="DisplayName">The new display name, 1–<see cref="UserAdministration.MaxDisplayNameLength"/> characters.</param>
/// <param name="Roles">The new roles, replacing the old ones: at least one.</param>
public sealed record UserChange(string? DisplayName = null, IReadOnlyList<string>? Roles = null);

namespace AiPlusTasks.Engine.Directory;

/// <summary>A user to seed for local use.</summary>
public sealed record SeedUser(string Username, string AgencyCode, IReadOnlyList<string> Roles, string? DisplayName);

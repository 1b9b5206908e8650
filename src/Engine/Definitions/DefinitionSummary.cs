namespace AiPlusTasks.Engine.Definitions;

/// <summary>A definition as listed: its latest version and, if any, its published one.</summary>
public sealed record DefinitionSummary(
    string DefinitionId,
    string? Name,
    int LatestVersion,
    int? PublishedVersion,
    int VersionCount,
    DateTimeOffset UpdatedAt);

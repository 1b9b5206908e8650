namespace AiPlusTasks.Engine.Definitions;

/// <summary>One stored version of a definition as listed: its number, flags and when it was created and last changed.</summary>
public sealed record DefinitionVersionSummary(
    int Version,
    string? Name,
    bool IsPublished,
    bool IsLatest,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

namespace AiPlusTasks.Engine.Versions;

/// <summary>An activity of the target version a source activity may be mapped to.</summary>
public sealed record MigrationActivityChoice(string ActivityId, string Label, string Type);

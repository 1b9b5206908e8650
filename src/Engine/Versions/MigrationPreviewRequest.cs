namespace AiPlusTasks.Engine.Versions;

/// <summary>What a migration preview covers.</summary>
/// <param name="DefinitionId">The definition whose instances move.</param>
/// <param name="TargetVersion">The published version they move to.</param>
/// <param name="InstanceIds">The instances to preview; null or empty: every running instance of the definition (at most <see cref="InstanceMigrator.PreviewLimit"/>).</param>
/// <param name="Mapping">Activity ids of the instances' versions to the target's (null: dropped); an id not in it maps to itself when the target has it.</param>
public sealed record MigrationPreviewRequest(string? DefinitionId, int? TargetVersion, IReadOnlyList<string>? InstanceIds, IReadOnlyDictionary<string, string?> Mapping);

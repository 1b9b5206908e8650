namespace AiPlusTasks.Engine.Versions;

/// <summary>
/// What a planner maps before moving instances (<see cref="InstanceMigrator.MappingChoicesAsync"/>): each activity of the
/// source versions that holds something in a running instance, and the activities of the target version it may go to.
/// </summary>
public sealed record MigrationMappingChoices(IReadOnlyList<MigrationSourceActivity> Sources, IReadOnlyList<MigrationActivityChoice> Targets);

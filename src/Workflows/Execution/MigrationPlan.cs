namespace AiPlusTasks.Workflows.Execution;

/// <summary>The result of <see cref="InstanceMigration.Plan"/>: the moved state, or why the instance cannot move.</summary>
/// <param name="State">The state in the new version; null when refused.</param>
/// <param name="Refusals">Every reason it cannot move; empty when it can.</param>
public sealed record MigrationPlan(WorkflowState? State, IReadOnlyList<MigrationRefusal> Refusals)
{
    public bool CanMove => State is not null;
}

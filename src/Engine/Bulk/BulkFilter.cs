using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Bulk;

/// <summary>
/// Which items a bulk job takes: for instances, the instance list's filters (<see cref="Runtime.InstanceQuery"/>); for
/// tasks, the inbox's (<see cref="TaskQuery"/>), in the caller's scope. Fields of the other kind of item are ignored.
/// </summary>
/// <param name="DefinitionId">Instances: of this definition.</param>
/// <param name="Version">Instances: of this version of it.</param>
/// <param name="Status">Instances: in this status.</param>
/// <param name="Agency">Instances: with a task of this agency; tasks: of this agency.</param>
/// <param name="PlanId">Of this plan (instances: through their tasks).</param>
/// <param name="Pillar">Filed under this catalog code (instances: through their tasks).</param>
/// <param name="CreatedFrom">Instances: created at or after.</param>
/// <param name="CreatedTo">Instances: created before.</param>
/// <param name="View">Tasks: the inbox view (<see cref="TaskViews"/>; default open).</param>
/// <param name="DueFrom">Tasks: due at or after.</param>
/// <param name="DueTo">Tasks: due before.</param>
/// <param name="Colour">Tasks: of this colour.</param>
/// <param name="Kind">Tasks: of this kind.</param>
public sealed record BulkFilter(
    string? DefinitionId = null,
    int? Version = null,
    WorkflowStatus? Status = null,
    string? Agency = null,
    string? PlanId = null,
    string? Pillar = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? View = null,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueTo = null,
    TaskColour? Colour = null,
    string? Kind = null);

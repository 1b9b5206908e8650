using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>An effect a capability of the engine turns into rows, inside the burst's transaction.</summary>
internal interface IPersistentEffect : IBurstEffect
{
    /// <summary>Adds or changes rows in <paramref name="db"/>; the caller commits.</summary>
    Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken);
}

using AiPlusTasks.Engine.Persistence;

namespace AiPlusTasks.Engine.Execution;

/// <summary>
/// A change an activity asks for beyond the instance itself (a task created, completed, escalated, cancelled),
/// applied inside the burst's transaction, so it commits or rolls back with the instance.
/// </summary>
public interface IBurstEffect
{
    /// <summary>Adds or changes rows in <paramref name="db"/>; the caller commits.</summary>
    Task ApplyAsync(WorkflowDbContext db, EffectContext context, CancellationToken cancellationToken);
}

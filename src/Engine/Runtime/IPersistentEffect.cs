using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Runtime;

/// <summary>An effect a capability of the engine turns into rows, inside the burst's transaction.</summary>
internal interface IPersistentEffect : IBurstEffect
{
    /// <summary>
    /// Reads and writes its rows through <paramref name="context"/>, in the burst's transaction; the caller commits, or
    /// rolls back the whole burst when this throws.
    /// </summary>
    Task ApplyAsync(EffectContext context, CancellationToken cancellationToken);
}

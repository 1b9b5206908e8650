namespace AiPlusTasks.Engine.Runtime;

/// <summary>What an effect knows of the burst that produced it.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Now">The burst's time.</param>
public sealed record EffectContext(string InstanceId, DateTimeOffset Now);

namespace AiPlusTasks.Engine.Execution;

/// <summary>What an effect knows of the burst that produced it.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="DefinitionId">Its definition.</param>
/// <param name="CorrelationId">Its correlation id after the burst.</param>
/// <param name="Now">The burst's time.</param>
public sealed record EffectContext(string InstanceId, string DefinitionId, string? CorrelationId, DateTimeOffset Now);

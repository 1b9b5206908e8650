namespace AiPlusTasks.Engine.Runtime;

/// <summary>What was asked for existed and is no longer here: an instance retention archived (HTTP 410 Gone).</summary>
public sealed class GoneException(string message) : Exception(message);

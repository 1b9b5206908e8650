namespace AiPlusTasks.Engine.Runtime;

/// <summary>What was asked for does not exist (HTTP 404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

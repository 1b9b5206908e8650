namespace AiPlusTasks.Engine.Runtime;

/// <summary>The caller may see the resource but not do this to it (HTTP 403).</summary>
public sealed class ForbiddenException(string message) : Exception(message);

namespace AiPlusTasks.Workflows.Execution;

/// <summary>Thrown by an activity to fault itself and its instance with a clear message (recorded as an incident).</summary>
public sealed class ActivityFaultException(string message) : Exception(message);

namespace AiPlusTasks.Workflows.Execution;

/// <summary>A fault: which activity, what went wrong, when.</summary>
public sealed record Incident(string ActivityId, string ActivityType, string Message, string? ExceptionType, DateTimeOffset At);

using System.Text.Json.Serialization;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// A fault: which activity, what went wrong, when. An incident is kept after it is resolved (retried or skipped), with
/// <see cref="Resolution"/> saying who resolved it, when and how (docs/decisions/030).
/// </summary>
public sealed record Incident(string ActivityId, string ActivityType, string Message, string? ExceptionType, DateTimeOffset At)
{
    /// <summary>The activity context that faulted, which a retry runs again or a skip completes; null when none is known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContextId { get; init; }

    /// <summary>How the incident was resolved; null while it stands.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IncidentResolution? Resolution { get; init; }
}

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>One line of a task's history: who did what, when. Append-only.</summary>
public sealed class TaskEventRecord
{
    public long Id { get; set; }

    public required string TaskId { get; set; }

    /// <summary>Created, Claimed, Unclaimed, Reassigned, Commented, ProgressReported, Completed, Escalated, ColourChanged, Cancelled.</summary>
    public required string Action { get; set; }

    /// <summary>A user name, or <c>system</c> for the engine.</summary>
    public required string Actor { get; set; }

    /// <summary>Whom <see cref="Actor"/> acted for through a delegation (代理), when they did: "Actor 代 ActingFor".</summary>
    public string? ActingFor { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Details, JSON (comment text, new assignee, colour, escalation step…).</summary>
    public string? Data { get; set; }
}

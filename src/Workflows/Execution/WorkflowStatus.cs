namespace AiPlusTasks.Workflows.Execution;

/// <summary>Where an instance stands.</summary>
public enum WorkflowStatus
{
    /// <summary>Created or dispatched, or has work queued; not waiting on anything outside.</summary>
    Running,

    /// <summary>Waiting on at least one bookmark (event, timer, child workflow, task).</summary>
    Suspended,

    /// <summary>Ran to its end.</summary>
    Finished,

    /// <summary>Stopped by a fault; see its incidents. Can be inspected and cancelled.</summary>
    Faulted,

    /// <summary>Cancelled by a caller or by its parent.</summary>
    Cancelled,
}

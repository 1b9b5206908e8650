namespace AiPlusTasks.Engine.Runtime;

/// <summary>Whether an instance's incident can be retried or skipped now (<see cref="WorkflowRuntime.CheckIncidentAsync"/>).</summary>
public enum IncidentCheck
{
    /// <summary>Faulted, with an open incident in one activity (and, for a skip, the outcome is one of its ports).</summary>
    Resolvable,

    /// <summary>Not faulted: running, waiting, ended, or its incident was already resolved.</summary>
    NotFaulted,

    /// <summary>Faulted, but not in one activity that can run again or be completed: only a cancel helps.</summary>
    NotResolvable,

    /// <summary>The skip's outcome is not a port of the faulted activity.</summary>
    UnknownOutcome,
}

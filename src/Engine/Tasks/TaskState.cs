namespace AiPlusTasks.Engine.Tasks;

/// <summary>Where a task stands.</summary>
public enum TaskState
{
    /// <summary>Issued to an agency, nobody has claimed it (待签收).</summary>
    Open,

    /// <summary>Claimed by a user (已签收).</summary>
    Claimed,

    /// <summary>Completed with an outcome.</summary>
    Completed,

    /// <summary>Its workflow no longer waits for it (a branch ended, the instance was cancelled).</summary>
    Cancelled,
}

namespace AiPlusTasks.Engine.Bulk;

/// <summary>Where a bulk job is.</summary>
public enum BulkJobStatus
{
    /// <summary>Made; its items are being applied (or wait for a runner).</summary>
    Running,

    /// <summary>Every item was applied.</summary>
    Finished,

    /// <summary>Stopped by a person; the items not yet applied stay as they are.</summary>
    Cancelled,
}

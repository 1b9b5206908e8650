namespace AiPlusTasks.Engine.Versions;

/// <summary>How one instance's migration ended.</summary>
internal enum MigrationResult
{
    /// <summary>Moved to the target version (in a preview: would move).</summary>
    Moved,

    /// <summary>Already on the target version: nothing to do.</summary>
    AlreadyOnTarget,

    /// <summary>Not moved: not running, or something it holds has no safe place.</summary>
    Refused,
}

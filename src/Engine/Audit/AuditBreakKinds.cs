namespace AiPlusTasks.Engine.Audit;

/// <summary>How a link of the audit chain is broken.</summary>
public static class AuditBreakKinds
{
    /// <summary>A line's content (or its stored hash) is not what was sealed.</summary>
    public const string Edited = "edited";

    /// <summary>Sequence numbers are missing: lines were deleted.</summary>
    public const string Deleted = "deleted";

    /// <summary>A line does not link to the one before it: lines were moved, or the one before was replaced with its hash.</summary>
    public const string Reordered = "reordered";
}

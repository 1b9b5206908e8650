namespace AiPlusTasks.Engine.Reviews;

/// <summary>Where one reviewer of a joint review stands.</summary>
public static class ReviewerStates
{
    /// <summary>A sequential review has not reached this reviewer's turn: no task yet.</summary>
    public const string Waiting = "Waiting";

    /// <summary>The reviewer has a task and has not decided.</summary>
    public const string Open = "Open";

    /// <summary>Approved (同意).</summary>
    public const string Approved = "Approved";

    /// <summary>Returned with a reason (退回).</summary>
    public const string Returned = "Returned";

    /// <summary>Abstained (弃权): counted on neither side.</summary>
    public const string Abstained = "Abstained";

    /// <summary>Removed while the review ran (减签), with a reason.</summary>
    public const string Removed = "Removed";

    /// <summary>The review was decided (or cancelled) before this reviewer decided.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>Still to decide: waiting for a turn or holding an open task.</summary>
    public static bool IsPending(string state) => state is Waiting or Open;
}

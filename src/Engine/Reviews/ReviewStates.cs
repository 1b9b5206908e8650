namespace AiPlusTasks.Engine.Reviews;

/// <summary>Where a joint review stands.</summary>
public static class ReviewStates
{
    /// <summary>Reviewers are deciding.</summary>
    public const string Open = "Open";

    /// <summary>The rule was met.</summary>
    public const string Approved = "Approved";

    /// <summary>The rule can no longer be met: the work goes back.</summary>
    public const string Returned = "Returned";

    /// <summary>The workflow stopped waiting for the review.</summary>
    public const string Cancelled = "Cancelled";
}

namespace AiPlusTasks.Engine.Tasks;

/// <summary>Outcomes of the published workflows' steps that the task service treats specially.</summary>
public static class TaskOutcomes
{
    /// <summary>A report, a refinement or a closure request is handed in.</summary>
    public const string Submitted = "Submitted";

    /// <summary>A sign-off or review passes the work on.</summary>
    public const string Approved = "Approved";

    /// <summary>A sign-off or review sends the work back: needs a <c>reason</c>.</summary>
    public const string Returned = "Returned";

    /// <summary>A reviewer of a joint review neither approves nor returns: counted with neither side.</summary>
    public const string Abstained = "Abstained";

    /// <summary>A verification refuses the closure: needs a <c>reason</c>.</summary>
    public const string Rejected = "Rejected";
}

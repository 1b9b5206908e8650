namespace AiPlusTasks.Workflows.Execution;

/// <summary>The kinds of bookmark the engine makes.</summary>
public static class BookmarkKinds
{
    /// <summary>Resumed by <c>POST /api/events/{name}</c>; key = event name.</summary>
    public const string Event = "Event";

    /// <summary>Resumed by the scheduler at <see cref="Bookmark.ResumeAt"/>.</summary>
    public const string Timer = "Timer";

    /// <summary>Resumed when the task named by the key is completed (<c>AiPlus.HumanTask</c>).</summary>
    public const string HumanTask = "HumanTask";

    /// <summary>
    /// Resumed by a command to the waiting activity itself while it waits for something else (e.g. adding a reviewer to a
    /// running review); key = what the activity is known by outside (the review's id). The activity makes a new one after each.
    /// </summary>
    public const string Command = "Command";

    /// <summary>Resumed when the child instance named by the key ends.</summary>
    public const string ChildWorkflow = "ChildWorkflow";
}

namespace AiPlusTasks.Engine.Tasks;

/// <summary>The inbox views.</summary>
public static class TaskViews
{
    public const string Open = "open";
    public const string Mine = "mine";
    public const string Unclaimed = "unclaimed";

    /// <summary>Open or claimed tasks not yet overdue and due within <see cref="TaskOptions.BlueWithin"/> counted in working days.</summary>
    public const string DueSoon = "due-soon";
    public const string Overdue = "overdue";
    public const string Returned = "returned";
    public const string Completed = "completed";

    /// <summary>Open or claimed tasks that climbed at least one rung of their escalation ladder.</summary>
    public const string Escalated = "escalated";
    public const string All = "all";

    public static readonly IReadOnlyList<string> Names = [Open, Mine, Unclaimed, DueSoon, Overdue, Returned, Escalated, Completed, All];
}

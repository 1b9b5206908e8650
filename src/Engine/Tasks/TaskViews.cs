namespace AiPlusTasks.Engine.Tasks;

/// <summary>The inbox views.</summary>
public static class TaskViews
{
    public const string Open = "open";
    public const string Mine = "mine";
    public const string Unclaimed = "unclaimed";
    public const string DueSoon = "due-soon";
    public const string Overdue = "overdue";
    public const string Returned = "returned";
    public const string Completed = "completed";
    public const string All = "all";

    public static readonly IReadOnlyList<string> Names = [Open, Mine, Unclaimed, DueSoon, Overdue, Returned, Completed, All];
}

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>The kinds of <see cref="WorkItemRecord"/>.</summary>
public static class WorkItemKinds
{
    /// <summary>Run the first burst of a created instance.</summary>
    public const string Start = "Start";

    /// <summary>Resume <see cref="WorkItemRecord.BookmarkId"/> with <see cref="WorkItemRecord.Payload"/>.</summary>
    public const string Resume = "Resume";

    /// <summary>Cancel the instance.</summary>
    public const string Cancel = "Cancel";
}

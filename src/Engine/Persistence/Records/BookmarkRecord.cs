namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A stored bookmark; deleting it is what consumes it. Timers are bookmarks with <see cref="ResumeAt"/>.</summary>
public sealed class BookmarkRecord
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string Kind { get; set; }

    public string? Key { get; set; }

    public string? CorrelationId { get; set; }

    public DateTimeOffset? ResumeAt { get; set; }

    public required string ActivityId { get; set; }

    public required string ContextId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>One activation of an activity: created when scheduled, removed when it completes or is cancelled.</summary>
public sealed class ActivityContext
{
    public required string Id { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>The context of the composite that scheduled this one; null for the root.</summary>
    public string? ParentId { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>True while waiting on a bookmark.</summary>
    public bool Suspended { get; set; }

    /// <summary>Variables visible to this context and its descendants only (e.g. <c>CurrentValue</c> of a for-each).</summary>
    public JsonObject? Scope { get; set; }

    /// <summary>A composite's own bookkeeping (flowchart signals, sequence position).</summary>
    public JsonObject? Memory { get; set; }

    /// <summary>Bookmarks this context waits on.</summary>
    public List<Bookmark> Bookmarks { get; set; } = [];
}

using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiPlusTasks.Workflows.Execution;

/// <summary>
/// Everything an instance remembers between bursts, stored as one JSON document: variables, input, output, the
/// last result of each activity, the activity contexts still active, and incidents.
/// </summary>
public sealed class WorkflowState
{
    public JsonObject Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    public JsonObject Output { get; set; } = [];

    /// <summary>The last result of each activity that produced one, by activity id.</summary>
    public JsonObject Results { get; set; } = [];

    /// <summary>The id of the activity whose result <c>getLastResult()</c> returns.</summary>
    public string? LastResultActivityId { get; set; }

    /// <summary>Active activity contexts by id: scheduled, running or suspended.</summary>
    public Dictionary<string, ActivityContext> Contexts { get; set; } = [];

    public List<Incident> Incidents { get; set; } = [];

    /// <summary>
    /// The bookmarks of the other waiting activities that the last fault removed: a retry or skip of the incident gives
    /// them back (same ids, so tasks and timers that name them work again). Null when no fault is unresolved.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<Bookmark>? ParkedBookmarks { get; set; }

    /// <summary>Counter for short context and bookmark ids, unique within the instance.</summary>
    public long NextId { get; set; }

    /// <summary>Sequence number of the next journal entry.</summary>
    public long JournalSequence { get; set; }
}

namespace AiPlusTasks.Designer.Graph;

/// <summary>How far a running or finished instance got with one node, as the read-only canvas marks it.</summary>
public enum NodeRunState
{
    /// <summary>Not reached (the default; the canvas draws the node plainly).</summary>
    None,

    /// <summary>The activity completed at least once.</summary>
    Executed,

    /// <summary>The activity holds a bookmark: it waits for a person, an event or a timer.</summary>
    Waiting,

    /// <summary>The activity faulted and has an open incident.</summary>
    Faulted,
}

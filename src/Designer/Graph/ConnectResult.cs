namespace AiPlusTasks.Designer.Graph;

/// <summary>What <see cref="GraphEditor.Connect"/> did.</summary>
public enum ConnectResult
{
    /// <summary>A new link was added.</summary>
    Connected,

    /// <summary>The port already had a link; it now goes to the new target instead (one link per source port).</summary>
    Replaced,

    /// <summary>The same link already existed; nothing changed.</summary>
    Unchanged,

    /// <summary>The source or the target is not a node of the graph.</summary>
    UnknownNode,

    /// <summary>The source has no such outcome port.</summary>
    UnknownPort,

    /// <summary>The source and the target are the same node.</summary>
    SelfLink,
}

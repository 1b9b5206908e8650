namespace AiPlusTasks.Engine.Directory;

/// <summary>The two halves of the AI+ catalog; written <c>action</c> / <c>support</c> in <c>catalog.json</c>.</summary>
public enum PillarKind
{
    /// <summary>One of the 6 key actions (重点行动).</summary>
    Action,

    /// <summary>One of the 8 supports (基础支撑).</summary>
    Support,
}

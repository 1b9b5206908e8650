namespace AiPlusTasks.Engine.Planning;

/// <summary>Where a period sits in the rolling window: the next is Committed (frozen), then Firm, then two Indicative.</summary>
public enum WindowZone
{
    Committed,
    Firm,
    Indicative,
}

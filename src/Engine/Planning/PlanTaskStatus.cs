namespace AiPlusTasks.Engine.Planning;

/// <summary>Where a key task stands in a plan version.</summary>
public enum PlanTaskStatus
{
    /// <summary>In the window but not yet committed: no workflow yet.</summary>
    Planned,

    /// <summary>Committed: its breakdown workflow runs.</summary>
    Active,
}

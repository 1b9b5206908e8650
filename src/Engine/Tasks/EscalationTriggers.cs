namespace AiPlusTasks.Engine.Tasks;

/// <summary>What set off a supervision action (督办).</summary>
public static class EscalationTriggers
{
    /// <summary>A rung of the task's escalation ladder fell due (at issue when it was already past, else by its timer).</summary>
    public const string Ladder = "ladder";

    /// <summary>An <c>AiPlus.Escalate</c> activity of the task's workflow (e.g. a third return).</summary>
    public const string Workflow = "workflow";

    /// <summary>A person: an NDRC supervisor's or planner's 催办 with a message.</summary>
    public const string Manual = "manual";
}

namespace AiPlusTasks.Engine.Persistence.Records;

/// <summary>A supervision action (督办): a reminder, urge, formal notice, interview or circular, by rule or by hand.</summary>
public sealed class SupervisionActionRecord
{
    public long Id { get; set; }

    public required string InstanceId { get; set; }

    /// <summary>The task it concerns, if any.</summary>
    public string? TaskId { get; set; }

    /// <summary>The agency it is issued to.</summary>
    public required string AgencyCode { get; set; }

    /// <summary>reminder, urge, notice, interview, circular.</summary>
    public required string Action { get; set; }

    /// <summary>Ladder level (1 = first rung).</summary>
    public int Level { get; set; }

    /// <summary>What triggered it: <c>ladder</c> (a step of the task's ladder) or <c>workflow</c> (an AiPlus.Escalate activity).</summary>
    public required string Trigger { get; set; }

    public string? Reason { get; set; }

    public DateTimeOffset At { get; set; }
}

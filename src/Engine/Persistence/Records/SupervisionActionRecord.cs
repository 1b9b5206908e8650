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

    /// <summary>
    /// What triggered it: <c>ladder</c> (a step of the task's ladder), <c>workflow</c> (an AiPlus.Escalate activity) or
    /// <c>manual</c> (a person, e.g. an NDRC supervisor's 催办).
    /// </summary>
    public required string Trigger { get; set; }

    /// <summary>Who acted: the user for a manual action, <c>system</c> for the ladder and workflows (null on rows older than the column).</summary>
    public string? Actor { get; set; }

    /// <summary>The reason (workflow) or message (manual) given with it.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset At { get; set; }
}

namespace AiPlusTasks.Engine.Tasks;

/// <summary>A supervision action (督办) taken on a task: a rung of its ladder, a workflow's escalation, or a 催办 by hand.</summary>
/// <param name="Level">The escalation level it stands for (its ladder position; for a 催办 by hand, that of 催办).</param>
/// <param name="Action">reminder (提醒), urge (催办), notice (督办单), interview (约谈), circular (通报).</param>
/// <param name="At">When it was taken.</param>
/// <param name="DueAt">For a ladder rung: when the ladder said it was due (before <paramref name="At"/> when the task was issued late); else null.</param>
/// <param name="Trigger">What set it off (<see cref="EscalationTriggers"/>).</param>
/// <param name="Actor">Who acted: the user for <see cref="EscalationTriggers.Manual"/>, else <c>system</c>.</param>
/// <param name="Message">The message (by hand) or reason (workflow) given with it; null when none.</param>
/// <param name="IssuedToAgency">The agency it was issued to (the task's agency at the time).</param>
/// <param name="IssuedToLead">True when the agency's lead was told as well (约谈 and 通报 concern the unit's head).</param>
public sealed record EscalationRung(
    int Level,
    string Action,
    DateTimeOffset At,
    DateTimeOffset? DueAt,
    string Trigger,
    string Actor,
    string? Message,
    string IssuedToAgency,
    bool IssuedToLead);

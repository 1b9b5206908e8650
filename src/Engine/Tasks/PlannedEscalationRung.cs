namespace AiPlusTasks.Engine.Tasks;

/// <summary>A rung of a task's escalation ladder still to come: it is applied at <paramref name="DueAt"/> unless the task is done first.</summary>
/// <param name="Level">Its position on the ladder (from 1).</param>
/// <param name="Action">reminder (提醒), urge (催办), notice (督办单), interview (约谈), circular (通报).</param>
/// <param name="DueAt">When it falls due.</param>
/// <param name="IssuedToLead">True when the agency's lead will be told as well (约谈 and 通报).</param>
public sealed record PlannedEscalationRung(int Level, string Action, DateTimeOffset DueAt, bool IssuedToLead);

using System.Linq.Expressions;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Delegations;

/// <summary>
/// One delegation in force for its substitute, as the inbox and the task actions apply it: whose tasks it covers
/// (<see cref="Covers"/>, the one rule, translated to SQL for the inbox and compiled for one task's actions).
/// </summary>
/// <param name="AgencyCode">The agency of both people: only its tasks are covered.</param>
/// <param name="FromUser">The delegator, whom the substitute acts for.</param>
/// <param name="FromIsLead">The delegator is the agency's lead: its tasks for the lead (<c>assigneeRole: lead</c>) are covered too.</param>
/// <param name="PlanId">Only this plan's tasks, when set.</param>
/// <param name="Pillar">Only the tasks filed under this pillar or item, when set.</param>
public sealed record DelegatedWork(string AgencyCode, string FromUser, bool FromIsLead, string? PlanId, string? Pillar)
{
    /// <summary>
    /// The delegator's open work in the scope: tasks claimed by them, open tasks assigned to them and, for a lead, open
    /// tasks for the lead that name no user.
    /// </summary>
    public Expression<Func<TaskRecord, bool>> Covers()
    {
        var agency = AgencyCode;
        var from = FromUser;
        Expression<Func<TaskRecord, bool>> theirs = FromIsLead
            ? t => t.AgencyCode == agency && ((t.State == TaskState.Claimed && t.ClaimedBy == from)
                || (t.State == TaskState.Open && (t.AssigneeUser == from || (t.AssigneeUser == null && t.AssigneeRole == "lead"))))
            : t => t.AgencyCode == agency && ((t.State == TaskState.Claimed && t.ClaimedBy == from) || (t.State == TaskState.Open && t.AssigneeUser == from));
        if (PlanId is { } plan)
        {
            theirs = TaskExpressions.And(theirs, t => t.PlanId == plan);
        }

        if (Pillar is { } pillar)
        {
            theirs = TaskExpressions.And(theirs, TaskExpressions.InPillar(pillar));
        }

        return theirs;
    }

    /// <summary>
    /// The delegator a task is covered for by the first of <paramref name="delegations"/> that covers it, as a SQL
    /// expression (<c>CASE WHEN … THEN 'from' … END</c>); null when none does.
    /// </summary>
    public static Expression<Func<TaskRecord, string?>> ActingFor(IReadOnlyList<DelegatedWork> delegations)
    {
        var task = Expression.Parameter(typeof(TaskRecord), "t");
        Expression result = Expression.Constant(null, typeof(string));
        foreach (var delegation in delegations.Reverse())
        {
            result = Expression.Condition(TaskExpressions.Apply(delegation.Covers(), task), Expression.Constant(delegation.FromUser, typeof(string)), result);
        }

        return Expression.Lambda<Func<TaskRecord, string?>>(result, task);
    }

    /// <summary>Whether any of <paramref name="delegations"/> covers the task (false for none), as a SQL expression.</summary>
    public static Expression<Func<TaskRecord, bool>> AnyCovers(IReadOnlyList<DelegatedWork> delegations) =>
        delegations.Count == 0 ? t => false : delegations.Select(d => d.Covers()).Aggregate(TaskExpressions.Or);
}

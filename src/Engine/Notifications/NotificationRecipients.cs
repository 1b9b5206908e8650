using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Notifications;

/// <summary>Who a task's notification goes to: the one rule the fan-out and the daily digest share.</summary>
internal static class NotificationRecipients
{
    /// <summary>
    /// The user the task names, else whoever claimed it, else the users of its agency with its role (staff by default);
    /// for an interview or circular also the agency's leads. Disabled users are left to the caller to drop.
    /// </summary>
    /// <param name="task">The task.</param>
    /// <param name="kind">One of <see cref="NotificationKinds"/>.</param>
    /// <param name="users">Users of the task's agency (and any it names).</param>
    /// <param name="byId">The same users by id.</param>
    public static IEnumerable<UserRecord> Of(TaskRecord task, string kind, IReadOnlyList<UserRecord> users, IReadOnlyDictionary<string, UserRecord> byId)
    {
        if (task.AssigneeUser is { } assignee)
        {
            if (byId.TryGetValue(assignee, out var named))
            {
                yield return named;
            }
        }
        else if (task.ClaimedBy is { } claimer)
        {
            if (byId.TryGetValue(claimer, out var claimed))
            {
                yield return claimed;
            }
        }
        else
        {
            var role = task.AssigneeRole == "lead" ? Roles.AgencyLead : Roles.AgencyStaff;
            foreach (var user in users.Where(u => u.AgencyCode == task.AgencyCode && Roles.Parse(u.Roles).Contains(role)))
            {
                yield return user;
            }
        }

        if (EscalationStep.TellsLead(kind))
        {
            foreach (var lead in users.Where(u => u.AgencyCode == task.AgencyCode && Roles.Parse(u.Roles).Contains(Roles.AgencyLead)))
            {
                yield return lead;
            }
        }
    }
}

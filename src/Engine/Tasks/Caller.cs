using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Who is asking: a user (or an agency system) of one agency with some roles. Every page and endpoint passes the same
/// caller to the same service method, and the service decides what the caller may see and do (docs/decisions/014).
/// </summary>
/// <param name="Name">The user name (e.g. <c>guangdong.staff</c>) or an agency system's name (<c>system:&lt;key name&gt;:&lt;key id&gt;</c>).</param>
/// <param name="AgencyCode">The caller's agency.</param>
/// <param name="Roles">The caller's roles (<see cref="Tasks.Roles"/>).</param>
public sealed record Caller(string Name, string AgencyCode, IReadOnlySet<string> Roles)
{
    /// <summary>
    /// The network address the caller came from, when the action came over the network (the Host sets it from the
    /// connection: <see cref="CallerClaims.AddressClaim"/>); the audit trail records it with every action.
    /// </summary>
    public string? Address { get; init; }

    /// <summary>Reads the audit trail (留痕): an NDRC auditor or administrator.</summary>
    public bool ReadsAuditTrail => AgencyCode == AgencyDirectory.CoordinatorCode
        && (Roles.Contains(Tasks.Roles.Auditor) || Roles.Contains(Tasks.Roles.NdrcAdministrator));

    /// <summary>
    /// NDRC planners and supervisors, and NDRC auditors, see every agency's tasks; they also read plans, workflow
    /// instances and their journals.
    /// </summary>
    public bool SeesAllAgencies => AgencyCode == AgencyDirectory.CoordinatorCode && (IsNdrcStaff || Roles.Contains(Tasks.Roles.Auditor));

    /// <summary>
    /// An NDRC planner or supervisor: a user of the NDRC (<see cref="AgencyDirectory.CoordinatorCode"/>) with one of those
    /// roles. The role alone, on a user of another agency, counts for nothing.
    /// </summary>
    public bool IsNdrcStaff => AgencyCode == AgencyDirectory.CoordinatorCode
        && (Roles.Contains(Tasks.Roles.NdrcPlanner) || Roles.Contains(Tasks.Roles.NdrcSupervisor));

    /// <summary>An NDRC planner: designs, publishes, starts and cancels workflows; rolls and amends plans.</summary>
    public bool IsNdrcPlanner => AgencyCode == AgencyDirectory.CoordinatorCode && Roles.Contains(Tasks.Roles.NdrcPlanner);

    /// <summary>An NDRC administrator: manages every user (docs/security.md).</summary>
    public bool IsAdministrator => AgencyCode == AgencyDirectory.CoordinatorCode && Roles.Contains(Tasks.Roles.NdrcAdministrator);

    /// <summary>An agency lead (of the caller's own agency: every rule compares the agency as well).</summary>
    public bool IsLead => Roles.Contains(Tasks.Roles.AgencyLead);

    /// <summary>Works in the own agency: its staff or its lead.</summary>
    public bool IsAgencyMember => IsLead || Roles.Contains(Tasks.Roles.AgencyStaff);

    /// <summary>An agency system calling with an API key (<see cref="Tasks.Roles.AgencySystem"/>).</summary>
    public bool IsSystem => Roles.Contains(Tasks.Roles.AgencySystem);

    /// <summary>
    /// May work on tasks and workflows: an NDRC planner or supervisor, an agency lead or staff member, or an agency
    /// system (a list of roles, so a role added later acts only once it is named here). Auditors only read;
    /// administrators (<see cref="Tasks.Roles.NdrcAdministrator"/>) manage users, not work.
    /// </summary>
    public bool CanAct => Roles.Any(r => r is Tasks.Roles.NdrcPlanner or Tasks.Roles.NdrcSupervisor or Tasks.Roles.AgencyLead or Tasks.Roles.AgencyStaff or Tasks.Roles.AgencySystem);

    /// <summary>Refuses anyone but an NDRC planner.</summary>
    /// <param name="action">What is refused, for the message (e.g. <c>publish workflows</c>).</param>
    /// <exception cref="ForbiddenException">The caller is not an NDRC planner.</exception>
    public void RequireNdrcPlanner(string action)
    {
        if (!IsNdrcPlanner)
        {
            throw new ForbiddenException($"only NDRC planners {action}");
        }
    }

    /// <summary>Refuses anyone who does not see every agency (NDRC planners, supervisors and auditors do).</summary>
    /// <param name="what">What is refused, for the message (e.g. <c>plans</c>).</param>
    /// <exception cref="ForbiddenException">The caller is not NDRC staff or an NDRC auditor.</exception>
    public void RequireSeesAllAgencies(string what)
    {
        if (!SeesAllAgencies)
        {
            throw new ForbiddenException($"only NDRC staff and auditors read {what}");
        }
    }

    /// <summary>
    /// Refuses agency systems (API keys): they read their agency's tasks, report progress, complete tasks and raise events
    /// for them, and nothing else (docs/security.md). Everything around the work (claiming, commenting, reassigning,
    /// webhook subscriptions and their delivery logs, keys) stays with people, so a leaked key reaches no more than that.
    /// </summary>
    /// <param name="what">What is refused, for the message (e.g. <c>claim tasks</c>).</param>
    /// <exception cref="ForbiddenException">The caller is an agency system.</exception>
    public void RequirePerson(string what)
    {
        if (IsSystem)
        {
            throw new ForbiddenException($"agency systems do not {what}");
        }
    }
}

namespace AiPlusTasks.Engine.Tasks;

/// <summary>Who is asking: a user (or an agency system) of one agency with some roles.</summary>
/// <param name="Name">The user name (e.g. <c>guangdong.staff</c>) or system name (<c>system:&lt;key name&gt;</c>).</param>
/// <param name="AgencyCode">The caller's agency.</param>
/// <param name="Roles">The caller's roles (<see cref="Tasks.Roles"/>).</param>
public sealed record Caller(string Name, string AgencyCode, IReadOnlySet<string> Roles)
{
    /// <summary>NDRC planners and supervisors, and NDRC auditors, see every agency's tasks.</summary>
    public bool SeesAllAgencies => AgencyCode == "ndrc" && (IsNdrcStaff || Roles.Contains(Tasks.Roles.Auditor));

    /// <summary>An NDRC planner or supervisor.</summary>
    public bool IsNdrcStaff => Roles.Contains(Tasks.Roles.NdrcPlanner) || Roles.Contains(Tasks.Roles.NdrcSupervisor);

    public bool IsLead => Roles.Contains(Tasks.Roles.AgencyLead);

    /// <summary>An agency system calling with an API key (<see cref="Tasks.Roles.AgencySystem"/>).</summary>
    public bool IsSystem => Roles.Contains(Tasks.Roles.AgencySystem);

    /// <summary>May change things (anyone but a pure auditor).</summary>
    public bool CanAct => Roles.Any(r => r != Tasks.Roles.Auditor);
}

namespace AiPlusTasks.Engine.Tasks;

/// <summary>The roles of the directory's users, and of agency systems calling with an API key.</summary>
public static class Roles
{
    /// <summary>NDRC administrator: manages every user of every agency (create, disable, reset, roles); no task work by the role alone.</summary>
    public const string NdrcAdministrator = "ndrc-admin";

    /// <summary>NDRC planner: designs workflows, runs plans, sees every agency's tasks, reassigns across agencies.</summary>
    public const string NdrcPlanner = "ndrc-planner";

    /// <summary>NDRC supervisor: watches and escalates; sees every agency's tasks.</summary>
    public const string NdrcSupervisor = "ndrc-supervisor";

    /// <summary>Agency lead: reviews, reassigns within the agency, manages the agency's systems.</summary>
    public const string AgencyLead = "agency-lead";

    /// <summary>Agency staff: claims, reports on and submits the agency's tasks.</summary>
    public const string AgencyStaff = "agency-staff";

    /// <summary>Auditor: reads everything it may see, changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>
    /// An agency's system calling with an API key (never a user's role): reads the agency's tasks, reports progress,
    /// completes tasks and raises events for them like agency staff; claims, reassigns, comments and manages nothing.
    /// </summary>
    public const string AgencySystem = "agency-system";

    /// <summary>The roles a user of the directory may have (not <see cref="AgencySystem"/>), NDRC roles first: the order lists and pages show them in.</summary>
    public static readonly IReadOnlyList<string> All = [NdrcAdministrator, NdrcPlanner, NdrcSupervisor, Auditor, AgencyLead, AgencyStaff];

    /// <summary>The roles of an agency's own people: what an agency lead grants, and all a province's platform may give.</summary>
    public static readonly IReadOnlyList<string> Agency = [AgencyLead, AgencyStaff];

    /// <summary>The roles only users of the NDRC may hold.</summary>
    public static readonly IReadOnlyList<string> NdrcOnly = [NdrcAdministrator, NdrcPlanner, NdrcSupervisor];

    /// <summary>The roles of a user as stored in its one column (comma-separated).</summary>
    public static string[] Parse(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Roles as stored in a user's one column (comma-separated).</summary>
    public static string Store(IEnumerable<string> roles) => string.Join(',', roles);
}

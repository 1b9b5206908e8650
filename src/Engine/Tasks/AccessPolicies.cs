namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The names of the authorization policies the Host registers and the UI's pages (inbox, designer) require; one list, so
/// a page and the host cannot disagree on a name.
/// </summary>
public static class AccessPolicies
{
    /// <summary>NDRC planners and supervisors (agency <c>ndrc</c>).</summary>
    public const string Ndrc = "ndrc";

    /// <summary>NDRC planners (agency <c>ndrc</c>, role <see cref="Roles.NdrcPlanner"/>).</summary>
    public const string NdrcPlanner = "ndrc-planner";
}

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The names of the authorization policies the Host registers from the <see cref="Caller"/>'s rules, for the UI to decide
/// which links and buttons to show. They decide nothing else: pages and endpoints call the services with the caller, and
/// the services refuse what the caller may not do (docs/decisions/014).
/// </summary>
public static class AccessPolicies
{
    /// <summary>NDRC staff and auditors, who see every agency's work (<see cref="Caller.SeesAllAgencies"/>): dashboard, plans.</summary>
    public const string Ndrc = "ndrc";

    /// <summary>NDRC planners (<see cref="Caller.IsNdrcPlanner"/>): the designer, rolling plans.</summary>
    public const string NdrcPlanner = "ndrc-planner";
}

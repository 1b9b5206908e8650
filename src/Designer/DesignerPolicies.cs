namespace AiPlusTasks.Designer;

/// <summary>
/// The authorization policy the designer's pages require. The designer does not reference the host, so the name is
/// repeated here; it must equal the name under which the host registers its NDRC-planner policy
/// (<c>AiPlusTasks.Host.Infrastructure.Authentication.NdrcPlannerPolicy</c>: agency <c>ndrc</c>, role planner). A host
/// that registers no such policy makes every designer page fail authorization.
/// </summary>
public static class DesignerPolicies
{
    /// <summary>The policy name: <c>ndrc-planner</c>.</summary>
    public const string NdrcPlanner = "ndrc-planner";
}

using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Contract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>The agency directory and the AI+ catalog (6 key actions, 8 supports, their items, the long-term goals).</summary>
public static class DirectoryEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Directory").RequireAuthorization();
        group.MapGet("/agencies", ListAgencies).WithName(nameof(ListAgencies)).WithSummary("List the agency directory").OpenToAgencySystems();
        group.MapGet("/agencies/{code}/overview", GetAgencyOverview).WithName(nameof(GetAgencyOverview))
            .WithSummary("One agency's key-task progress and latest reports, for supervisors")
            .WithDescription("Progress is each key task's latest report (0 before the first), by pillar, as on the dashboard.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/catalog", GetCatalog).WithName(nameof(GetCatalog)).OpenToAgencySystems()
            .WithSummary("The catalogue: the 6 key actions, the 8 supports and their items")
            .WithDescription("The pillars (重点行动 and 基础支撑) with their codes, names and items, for filling the `pillar` filters and reading tasks' pillars. Any signed-in caller or agency system; changes nothing.");
        return app;
    }

    /// <summary>Agencies in directory order, optionally only province-level units (<c>?provinces=true</c>); paged.</summary>
    public static Ok<Page<Agency>> ListAgencies(AgencyDirectory agencies, bool? provinces, int? page, int? pageSize)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        var all = provinces == true ? agencies.Provinces : agencies.All;
        return TypedResults.Ok(new Page<Agency>([.. all.Skip((number - 1) * size).Take(size)], all.Count, number, size));
    }

    /// <summary>NDRC staff and auditors only (403 otherwise); an unknown agency is a 404. Its task lists are <c>GET /api/tasks?agency=</c>.</summary>
    public static async Task<Ok<AgencyOverview>> GetAgencyOverview(AgencyOverviewService overviews, ClaimsPrincipal user, string code, CancellationToken cancellationToken) =>
        TypedResults.Ok(await overviews.GetAsync(CallerClaims.ToCaller(user), code, cancellationToken));

    public static Ok<Catalog> GetCatalog(Catalog catalog) => TypedResults.Ok(catalog);
}

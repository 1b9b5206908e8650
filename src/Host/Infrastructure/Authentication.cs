using System.Security.Claims;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace AiPlusTasks.Host.Infrastructure;

/// <summary>
/// Bearer tokens for staff (<c>POST /api/auth/token</c>), and the policies: every <c>/api</c> route but the token
/// route needs a signed-in caller; the engine routes need NDRC planners or supervisors.
/// </summary>
public static class Authentication
{
    public const string AgencyClaim = "agency";
    public const string NdrcPolicy = "ndrc";
    public const string NdrcPlannerPolicy = "ndrc-planner";

    public static IServiceCollection AddAiPlusTasksAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
        services.AddAuthorizationBuilder()
            .AddPolicy(NdrcPolicy, p => p.RequireClaim(AgencyClaim, "ndrc").RequireRole(Roles.NdrcPlanner, Roles.NdrcSupervisor))
            .AddPolicy(NdrcPlannerPolicy, p => p.RequireClaim(AgencyClaim, "ndrc").RequireRole(Roles.NdrcPlanner));
        return services;
    }

    /// <summary>The principal a token carries for a caller.</summary>
    public static ClaimsPrincipal ToPrincipal(Caller caller)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, caller.Name), new(AgencyClaim, caller.AgencyCode) };
        claims.AddRange(caller.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, BearerTokenDefaults.AuthenticationScheme));
    }

    /// <summary>The caller of an authenticated request.</summary>
    public static Caller ToCaller(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("the request is not authenticated"),
        user.FindFirstValue(AgencyClaim) ?? "",
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
}

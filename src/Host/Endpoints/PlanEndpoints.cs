using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Planning.Messages;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Plans, their versions and diffs; rolling a plan by hand (NDRC planners).</summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization();
        group.MapGet("/", ListPlans).WithName(nameof(ListPlans));
        group.MapGet("/{planId}", GetPlan).WithName(nameof(GetPlan));
        group.MapPost("/{planId}/roll", RollPlan).WithName(nameof(RollPlan)).RequireAuthorization(AccessPolicies.NdrcPlanner).ProducesValidationProblem();
        group.MapGet("/{planId}/amendments", ListPlanAmendments).WithName(nameof(ListPlanAmendments));
        group.MapPost("/{planId}/amendments", AmendPlan).WithName(nameof(AmendPlan)).RequireAuthorization(AccessPolicies.NdrcPlanner).ProducesValidationProblem();
        group.MapGet("/{planId}/versions", ListPlanVersions).WithName(nameof(ListPlanVersions));
        group.MapGet("/{planId}/versions/{number:int}", GetPlanVersion).WithName(nameof(GetPlanVersion));
        group.MapGet("/{planId}/versions/{number:int}/diff", GetPlanDiff).WithName(nameof(GetPlanDiff));
        return app;
    }

    public static async Task<Ok<Page<PlanSummary>>> ListPlans(ISender sender, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await sender.Send(new ListPlans(number, size), cancellationToken));
    }

    public static async Task<Ok<PlanView>> GetPlan(ISender sender, string planId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPlan(planId), cancellationToken));

    /// <summary>Rolls to <c>period</c> (e.g. <c>2027-Q1</c>; default: the current quarter). Rolling again returns the same version.</summary>
    public static async Task<Ok<PlanVersionView>> RollPlan(ISender sender, ClaimsPrincipal user, string planId, RollBody? body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new RollPlan(planId, body?.Period, user.Identity?.Name ?? "unknown"), cancellationToken));

    public static async Task<Ok<IReadOnlyList<PlanAmendment>>> ListPlanAmendments(ISender sender, string planId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new ListPlanAmendments(planId), cancellationToken));

    /// <summary>Amends the static layer; 400 without a reason or a static layer.</summary>
    public static async Task<Ok<PlanAmendment>> AmendPlan(ISender sender, ClaimsPrincipal user, string planId, AmendBody body, CancellationToken cancellationToken)
    {
        if (body.Static is null)
        {
            throw Engine.Runtime.RequestValidationException.For("static", "the amended static layer is required");
        }

        return TypedResults.Ok(await sender.Send(new AmendPlan(planId, body.Static, body.Reason, body.DocumentNumber, user.Identity?.Name ?? "unknown"), cancellationToken));
    }

    public static async Task<Ok<Page<PlanVersionView>>> ListPlanVersions(ISender sender, string planId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await sender.Send(new ListPlanVersions(planId, number, size), cancellationToken));
    }

    public static async Task<Ok<PlanVersionView>> GetPlanVersion(ISender sender, string planId, int number, CancellationToken cancellationToken) =>
        TypedResults.Ok(await sender.Send(new GetPlanVersion(planId, number), cancellationToken));

    /// <summary>The diff of a version from its parent, paged; <c>?agency=guangdong</c> keeps the changes that concern that agency.</summary>
    public static async Task<Ok<Page<PlanChange>>> GetPlanDiff(ISender sender, string planId, int number, string? agency, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (pageNumber, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await sender.Send(new GetPlanDiff(planId, number, agency, pageNumber, size), cancellationToken));
    }

    /// <summary>The body of <c>POST /api/plans/{id}/amendments</c>.</summary>
    public sealed record AmendBody(System.Text.Json.Nodes.JsonObject? Static, string? Reason, string? DocumentNumber);

    /// <summary>The body of <c>POST /api/plans/{id}/roll</c>.</summary>
    public sealed record RollBody(string? Period);
}

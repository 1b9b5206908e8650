using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>Plans, their versions and diffs; rolling a plan by hand (NDRC planners).</summary>
public static class PlanEndpoints
{
    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").RequireAuthorization();
        group.MapGet("/", ListPlans).WithName(nameof(ListPlans))
            .WithSummary("List plans with their current version and period")
            .WithDescription("A page of plans (`page`, `pageSize`). NDRC staff and auditors; changes nothing.");
        group.MapGet("/{planId}", GetPlan).WithName(nameof(GetPlan))
            .WithSummary("Read a plan: its static layer and rolling window")
            .WithDescription("NDRC staff and auditors; 404 for no such plan. Changes nothing.");
        group.MapPost("/{planId}/roll", RollPlan).WithName(nameof(RollPlan)).WithSummary("Roll a plan to a period: a new immutable version").ProducesValidationProblem();
        group.MapPost("/{planId}/roll/preview", PreviewPlanRoll).WithName(nameof(PreviewPlanRoll)).WithSummary("Preview a plan roll without writing anything").ProducesValidationProblem();
        group.MapGet("/{planId}/amendments", ListPlanAmendments).WithName(nameof(ListPlanAmendments))
            .WithSummary("List the amendments of a plan's static layer")
            .WithDescription("Each formal change of goals, milestones or pillars with its author, time and reason. NDRC staff and auditors; 404 for no such plan.");
        group.MapPost("/{planId}/amendments", AmendPlan).WithName(nameof(AmendPlan)).WithSummary("Amend a plan's static layer (goals, milestones, pillars) with a reason").ProducesValidationProblem();
        group.MapGet("/{planId}/versions", ListPlanVersions).WithName(nameof(ListPlanVersions))
            .WithSummary("List a plan's versions, one per rolled period")
            .WithDescription("Paged, each version with its period and parent. NDRC staff and auditors; 404 for no such plan.");
        group.MapGet("/{planId}/versions/{number:int}", GetPlanVersion).WithName(nameof(GetPlanVersion))
            .WithSummary("Read one version of a plan with its tasks")
            .WithDescription("The immutable content of version `number`. NDRC staff and auditors; 404 for no such plan or version.");
        group.MapGet("/{planId}/versions/{number:int}/diff", GetPlanDiff).WithName(nameof(GetPlanDiff)).WithSummary("Read what a plan version changed from its parent");
        return app;
    }

    public static async Task<Ok<Page<PlanSummary>>> ListPlans(PlanService plans, ClaimsPrincipal user, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await plans.ListAsync(CallerClaims.ToCaller(user), number, size, cancellationToken));
    }

    public static async Task<Ok<PlanView>> GetPlan(PlanService plans, ClaimsPrincipal user, string planId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.GetAsync(CallerClaims.ToCaller(user), planId, cancellationToken));

    /// <summary>Rolls to <c>period</c> (e.g. <c>2027-Q1</c>; default: the current quarter). Rolling again returns the same version.</summary>
    public static async Task<Ok<PlanVersionView>> RollPlan(PlanService plans, ClaimsPrincipal user, string planId, RollBody? body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.RollAsync(CallerClaims.ToCaller(user), planId, body?.Period, cancellationToken));

    /// <summary>What rolling to <c>period</c> (default: the current quarter) would make — its diff and content — with nothing written.</summary>
    public static async Task<Ok<RollPreview>> PreviewPlanRoll(PlanService plans, ClaimsPrincipal user, string planId, RollBody? body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.PreviewRollAsync(CallerClaims.ToCaller(user), planId, body?.Period, cancellationToken));

    public static async Task<Ok<IReadOnlyList<PlanAmendment>>> ListPlanAmendments(PlanService plans, ClaimsPrincipal user, string planId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.ListAmendmentsAsync(CallerClaims.ToCaller(user), planId, cancellationToken));

    /// <summary>Amends the static layer; 400 without a reason or a static layer.</summary>
    public static async Task<Ok<PlanAmendment>> AmendPlan(PlanService plans, ClaimsPrincipal user, string planId, AmendBody body, CancellationToken cancellationToken)
    {
        if (body.Static is null)
        {
            throw Engine.Runtime.RequestValidationException.For("static", "the amended static layer is required");
        }

        return TypedResults.Ok(await plans.AmendAsync(CallerClaims.ToCaller(user), planId, body.Static, body.Reason, body.DocumentNumber, cancellationToken));
    }

    public static async Task<Ok<Page<PlanVersionView>>> ListPlanVersions(PlanService plans, ClaimsPrincipal user, string planId, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await plans.ListVersionsAsync(CallerClaims.ToCaller(user), planId, number, size, cancellationToken));
    }

    public static async Task<Ok<PlanVersionView>> GetPlanVersion(PlanService plans, ClaimsPrincipal user, string planId, int number, CancellationToken cancellationToken) =>
        TypedResults.Ok(await plans.GetVersionAsync(CallerClaims.ToCaller(user), planId, number, cancellationToken));

    /// <summary>The diff of a version from its parent, paged; <c>?agency=guangdong</c> keeps the changes that concern that agency.</summary>
    public static async Task<Ok<Page<PlanChange>>> GetPlanDiff(PlanService plans, ClaimsPrincipal user, string planId, int number, string? agency, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (pageNumber, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await plans.GetDiffAsync(CallerClaims.ToCaller(user), planId, number, agency, pageNumber, size, cancellationToken));
    }

    /// <summary>The body of <c>POST /api/plans/{id}/amendments</c>.</summary>
    public sealed record AmendBody(System.Text.Json.Nodes.JsonObject? Static, string? Reason, string? DocumentNumber);

    /// <summary>The body of <c>POST /api/plans/{id}/roll</c>.</summary>
    public sealed record RollBody(string? Period);
}

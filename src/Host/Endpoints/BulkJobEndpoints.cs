using System.Security.Claims;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Bulk;
using AiPlusTasks.Engine.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Bulk jobs (docs/decisions/029): preview an operation on the items a filter selects, make a job of it, follow its
/// progress, read its report, cancel it. NDRC planners for every operation, NDRC supervisors for those on tasks; 403 for others.
/// </summary>
public static class BulkJobEndpoints
{
    public static IEndpointRouteBuilder MapBulkJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bulk-jobs").WithTags("Bulk jobs").RequireAuthorization();
        group.MapPost("/preview", PreviewBulkJob).WithName(nameof(PreviewBulkJob)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Preview a bulk job: the count and what would happen to the first items")
            .WithDescription("`{operation, filter, parameters}`; `?sample=` items shown (1-100, default 20). Operations: `cancel` (instances), `reassign` (tasks, `{agency?, user?}`), and those other parts register (`retry`, `skip`, `extendDue`, `migrate`). The filter uses the instance list's rules (definitionId, version, status, agency, planId, pillar, createdFrom, createdTo) or the inbox's (view, agency, planId, pillar, dueFrom, dueTo, colour, kind). Changes nothing. 400 naming `operation`, `filter…` or `parameters.…`; 403 for callers other than NDRC planners (and NDRC supervisors for task operations).");
        group.MapPost("/", CreateBulkJob).WithName(nameof(CreateBulkJob)).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Make a bulk job")
            .WithDescription("As the preview, with `expectedCount` (the preview's count, required). The items are selected again and frozen into the job; it runs in the background as the caller. 409 when the selection changed by more than a tenth (at least one item) since the preview; 400 naming `filter` when it selects nothing or more than 100,000 items. An audit entry; event `bulk_job.finished` when done.");
        group.MapGet("/", ListBulkJobs).WithName(nameof(ListBulkJobs)).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List bulk jobs, newest first")
            .WithDescription("Paged: page, pageSize (1-200). NDRC planners and supervisors; 403 for others.");
        group.MapGet("/{id}", GetBulkJob).WithName(nameof(GetBulkJob)).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A bulk job's status and progress")
            .WithDescription("Status (Running, Finished, Cancelled) and counts: total, done, succeeded, skipped, failed.");
        group.MapGet("/{id}/items", ListBulkJobItems).WithName(nameof(ListBulkJobItems)).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A bulk job's report: each item's outcome and reason")
            .WithDescription("In the job's order; `?status=` Succeeded, Skipped or Failed keeps one outcome. Paged: page, pageSize (1-200). Reasons in Chinese and English.");
        group.MapPost("/{id}/cancel", CancelBulkJob).WithName(nameof(CancelBulkJob))
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Cancel a running bulk job")
            .WithDescription("No item starts after this; items not yet applied stay as they are. 409 when it already finished or was cancelled. An audit entry; event `bulk_job.finished` with status Cancelled.");
        return app;
    }

    /// <summary>What a job would do, changing nothing.</summary>
    public static async Task<Ok<BulkPreview>> PreviewBulkJob(BulkJobService bulk, ClaimsPrincipal user, BulkJobRequest body, int? sample, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bulk.PreviewAsync(CallerClaims.ToCaller(user), body, sample ?? 20, cancellationToken));

    /// <summary>Makes a job; 201 with it.</summary>
    public static async Task<Created<BulkJobView>> CreateBulkJob(BulkJobService bulk, HttpContext context, BulkJobRequest body, CancellationToken cancellationToken)
    {
        var job = await bulk.CreateAsync(CallerClaims.ToCaller(context.User), body, cancellationToken);
        return TypedResults.Created($"/api/bulk-jobs/{job.Id}", job);
    }

    /// <summary>One page of jobs.</summary>
    public static async Task<Ok<Page<BulkJobView>>> ListBulkJobs(BulkJobService bulk, ClaimsPrincipal user, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await bulk.ListAsync(CallerClaims.ToCaller(user), number, size, cancellationToken));
    }

    /// <summary>A job and its progress.</summary>
    public static async Task<Ok<BulkJobView>> GetBulkJob(BulkJobService bulk, ClaimsPrincipal user, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bulk.GetAsync(CallerClaims.ToCaller(user), id, cancellationToken));

    /// <summary>One page of a job's report.</summary>
    public static async Task<Ok<Page<BulkJobItemView>>> ListBulkJobItems(
        BulkJobService bulk, ClaimsPrincipal user, string id, BulkItemStatus? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (number, size) = Paging.Validate(page, pageSize);
        return TypedResults.Ok(await bulk.ItemsAsync(CallerClaims.ToCaller(user), id, status, number, size, cancellationToken));
    }

    /// <summary>Cancels a running job.</summary>
    public static async Task<Ok<BulkJobView>> CancelBulkJob(BulkJobService bulk, HttpContext context, string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(await bulk.CancelAsync(CallerClaims.ToCaller(context.User), id, cancellationToken));
}

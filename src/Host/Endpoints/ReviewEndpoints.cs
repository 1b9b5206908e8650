using System.Security.Claims;
using AiPlusTasks.Engine.Reviews;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Contract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// Joint reviews (会签/或签): reading one, and adding or removing reviewers while it runs (加签/减签). Reviewers decide by
/// completing their own task (<c>POST /api/tasks/{taskId}/complete</c> with Approved, Returned and a reason, or
/// Abstained); the reviews of a task's case are also part of <c>GET /api/tasks/{taskId}</c>.
/// </summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reviews").WithTags("Reviews").RequireAuthorization();
        group.MapGet("/{reviewId}", GetReview).WithName(nameof(GetReview)).OpenToAgencySystems()
            .WithSummary("A joint review: its rule, state and every reviewer's decision")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{reviewId}/reviewers", AddReviewer).WithName(nameof(AddReviewer))
            .WithSummary("Add a reviewer to a running review (加签)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{reviewId}/reviewers/{reviewerId}/remove", RemoveReviewer).WithName(nameof(RemoveReviewer))
            .WithSummary("Remove a reviewer who has not decided from a running review (减签)")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    /// <summary>A joint review, to NDRC staff and auditors, its owner agency and every agency with a task in its case; 404 for anyone else.</summary>
    public static async Task<Ok<ReviewView>> GetReview(ReviewService reviews, ClaimsPrincipal user, string reviewId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.GetAsync(CallerClaims.ToCaller(user), reviewId, cancellationToken));

    /// <summary>
    /// 加签: the owner agency's lead or NDRC staff add a reviewer (an agency, a role of it or a user of it) with a reason.
    /// 400 naming <c>agency</c>, <c>role</c>, <c>user</c> or <c>reason</c>; 403 for anyone else; 409 when the review has ended.
    /// </summary>
    public static async Task<Ok<ReviewView>> AddReviewer(ReviewService reviews, ClaimsPrincipal user, string reviewId, AddReviewerBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.AddReviewerAsync(CallerClaims.ToCaller(user), reviewId, new ReviewerInput(body.Agency, body.Role, body.User), body.Reason, cancellationToken));

    /// <summary>
    /// 减签: the owner agency's lead or NDRC staff remove a reviewer who has not decided, with a reason; the review's rule
    /// is applied again at once. 400 naming <c>reason</c>; 403 for anyone else; 404 for no such reviewer; 409 when the
    /// review has ended, the reviewer has decided, or they are the only reviewer left.
    /// </summary>
    public static async Task<Ok<ReviewView>> RemoveReviewer(ReviewService reviews, ClaimsPrincipal user, string reviewId, string reviewerId, RemoveReviewerBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reviews.RemoveReviewerAsync(CallerClaims.ToCaller(user), reviewId, reviewerId, body.Reason, cancellationToken));

    /// <summary>The body of <c>POST /api/reviews/{id}/reviewers</c>.</summary>
    /// <param name="Agency">The reviewer's agency code.</param>
    /// <param name="Role"><c>staff</c> or <c>lead</c>; none for anyone of the agency.</param>
    /// <param name="User">One user of the agency; none for anyone (of the role).</param>
    /// <param name="Reason">Why the reviewer is added (recorded in the review's history).</param>
    public sealed record AddReviewerBody(string? Agency, string? Role, string? User, string? Reason);

    /// <summary>The body of <c>POST /api/reviews/{id}/reviewers/{reviewerId}/remove</c>.</summary>
    /// <param name="Reason">Why the reviewer is removed.</param>
    public sealed record RemoveReviewerBody(string? Reason);
}

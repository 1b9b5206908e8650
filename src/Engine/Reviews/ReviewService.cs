using AiPlusTasks.Engine.Audit;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Reviews;

/// <summary>
/// Joint reviews on behalf of a <see cref="Caller"/>: reading one, and adding or removing reviewers while it runs
/// (加签/减签). Decisions are the reviewers' task completions (<see cref="TaskService.CompleteAsync"/>). A review is seen by
/// whoever sees all agencies, its owner agency, and every agency with a task in its case (its reviewers and the unit whose
/// work it reviews: the task page shows the case's reviews to them alike); anyone else gets 404. Changes go to the
/// review's activity through its command bookmark, so they are applied in the instance's bursts like decisions.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkflowRuntime runtime,
    IOptions<InputLimits> limits,
    AuditTrail audit,
    AgencyDirectory? agencies = null)
{
    /// <summary>How often a change is tried again when a decision consumed the review's command bookmark first.</summary>
    private const int Attempts = 5;

    /// <summary>One review.</summary>
    /// <exception cref="NotFoundException">No such review the caller sees.</exception>
    public async Task<ReviewView> GetAsync(Caller caller, string reviewId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var review = await FindVisibleAsync(db, caller, reviewId, cancellationToken);
        return (await ViewsAsync(db, [review], cancellationToken)).Single();
    }

    /// <summary>
    /// Whether the caller may add and remove reviewers of an open review owned by <paramref name="ownerAgency"/>: NDRC
    /// planners and supervisors, and the owner agency's lead (people only). Pages ask this to offer 加签/减签.
    /// </summary>
    public static bool MayChange(Caller caller, string ownerAgency) =>
        !caller.IsSystem && (caller.IsNdrcStaff || (caller.IsLead && caller.AgencyCode == ownerAgency));

    /// <summary>The reviews of a workflow instance, oldest first (for the task page's case).</summary>
    internal static async Task<IReadOnlyList<ReviewView>> OfInstanceAsync(WorkflowDbContext db, string instanceId, CancellationToken cancellationToken)
    {
        var reviews = await db.Reviews.AsNoTracking().Where(r => r.InstanceId == instanceId).ToListAsync(cancellationToken);
        return await ViewsAsync(db, [.. reviews.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)], cancellationToken);
    }

    /// <summary>
    /// Adds a reviewer to an open review (加签), with a reason. Parallel reviews issue the reviewer's task at once,
    /// sequential ones when their turn comes (last).
    /// </summary>
    /// <exception cref="RequestValidationException">No reason (<c>reason</c>), an unknown agency (<c>agency</c>), a role other than staff or lead or with a user (<c>role</c>), no such user in the agency (<c>user</c>), or the same reviewer already in the review (<c>agency</c>).</exception>
    /// <exception cref="NotFoundException">No such review the caller sees.</exception>
    /// <exception cref="ForbiddenException">The caller is neither NDRC staff nor the owner agency's lead.</exception>
    /// <exception cref="ConflictException">The review has ended.</exception>
    public async Task<ReviewView> AddReviewerAsync(Caller caller, string reviewId, ReviewerInput reviewer, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckReason(reason, errors);
        var max = limits.Value.MaxNameLength;
        if (string.IsNullOrWhiteSpace(reviewer.Agency))
        {
            errors["agency"] = ["name the reviewer's agency"];
        }
        else if (reviewer.Agency.Length > max || (agencies is not null && agencies.Find(reviewer.Agency) is null))
        {
            // The agency directory is public (GET /api/agencies): naming an unknown agency tells nothing.
            errors["agency"] = [$"unknown agency '{Truncated(reviewer.Agency, max)}'"];
        }

        if (reviewer.Role is not (null or "" or "staff" or "lead"))
        {
            errors["role"] = ["role must be staff or lead (or none for anyone of the agency)"];
        }
        else if (!string.IsNullOrWhiteSpace(reviewer.Role) && !string.IsNullOrWhiteSpace(reviewer.User))
        {
            errors["role"] = ["name a role or a user of the agency, not both"];
        }

        if (reviewer.User is { Length: > 0 } name && name.Length > max)
        {
            errors["user"] = [$"user has at most {max} characters"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var role = string.IsNullOrWhiteSpace(reviewer.Role) ? null : reviewer.Role;
        var user = string.IsNullOrWhiteSpace(reviewer.User) ? null : reviewer.User;
        var command = new JsonObject
        {
            ["command"] = ReviewActivity.AddCommand,
            ["by"] = caller.Name,
            ["reason"] = reason!.Trim(),
            ["reviewer"] = new JsonObject { ["agency"] = reviewer.Agency, ["role"] = role, ["user"] = user },
        };
        return await CommandAsync(caller, reviewId, command, async (db, review, reviewers) =>
        {
            // A user of another agency gets the same answer as no user at all: the route tells nobody which names exist.
            if (user is not null && !await db.Users.AsNoTracking().AnyAsync(u => u.Id == user && u.AgencyCode == reviewer.Agency, cancellationToken))
            {
                throw RequestValidationException.For("user", $"'{user}' is not a user of {reviewer.Agency}");
            }

            if (reviewers.Any(r => r.AgencyCode == reviewer.Agency && r.Role == role && r.UserName == user && r.State is not (ReviewerStates.Removed or ReviewerStates.Cancelled)))
            {
                throw RequestValidationException.For("agency", "this reviewer is already in the review");
            }
        }, cancellationToken);
    }

    /// <summary>
    /// Removes a reviewer who has not decided from an open review (减签), with a reason; their task is cancelled. The rule
    /// is applied again at once: removing the last reviewer a review waited for can decide it.
    /// </summary>
    /// <exception cref="RequestValidationException">No reason (<c>reason</c>).</exception>
    /// <exception cref="NotFoundException">No such review the caller sees, or no such reviewer in it.</exception>
    /// <exception cref="ForbiddenException">The caller is neither NDRC staff nor the owner agency's lead.</exception>
    /// <exception cref="ConflictException">The review has ended, the reviewer has decided or was removed, or they are its only reviewer left.</exception>
    public async Task<ReviewView> RemoveReviewerAsync(Caller caller, string reviewId, string reviewerId, string? reason, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>();
        CheckReason(reason, errors);
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var command = new JsonObject
        {
            ["command"] = ReviewActivity.RemoveCommand,
            ["by"] = caller.Name,
            ["reason"] = reason!.Trim(),
            ["reviewerId"] = reviewerId,
        };
        return await CommandAsync(caller, reviewId, command, (_, _, reviewers) =>
        {
            var removed = reviewers.Find(r => r.Id == reviewerId) ?? throw new NotFoundException($"review '{reviewId}' has no reviewer '{reviewerId}'");
            if (!ReviewerStates.IsPending(removed.State))
            {
                throw new ConflictException($"reviewer '{reviewerId}' is {removed.State}: only a reviewer who has not decided can be removed");
            }

            if (!reviewers.Any(r => r.Id != reviewerId && r.State is not (ReviewerStates.Removed or ReviewerStates.Cancelled)))
            {
                throw new ConflictException("a review needs at least one reviewer: add another before removing this one");
            }

            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>
    /// Checks the caller and the review, then hands <paramref name="command"/> to the review's activity through its
    /// command bookmark. A decision committed meanwhile consumes that bookmark (the activity makes a new one), so the
    /// change is checked and tried again from a fresh read.
    /// </summary>
    private async Task<ReviewView> CommandAsync(
        Caller caller, string reviewId, JsonObject command, Func<WorkflowDbContext, ReviewRecord, List<ReviewParticipantRecord>, Task> check, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string bookmarkId;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var review = await FindVisibleAsync(db, caller, reviewId, cancellationToken);
                caller.RequirePerson("change reviews");
                if (!MayChange(caller, review.OwnerAgencyCode))
                {
                    throw new ForbiddenException($"only NDRC planners and supervisors and the lead of {review.OwnerAgencyCode} add or remove reviewers");
                }

                if (review.State != ReviewStates.Open)
                {
                    throw new ConflictException($"review '{reviewId}' is {review.State}: it has ended");
                }

                var reviewers = await db.ReviewParticipants.AsNoTracking().Where(p => p.ReviewId == reviewId).OrderBy(p => p.Position).ToListAsync(cancellationToken);
                await check(db, review, reviewers);
                bookmarkId = await db.Bookmarks.AsNoTracking()
                    .Where(b => b.InstanceId == review.InstanceId && b.Kind == BookmarkKinds.Command && b.Key == reviewId)
                    .Select(b => b.Id)
                    .FirstOrDefaultAsync(cancellationToken) ?? "";
            }

            try
            {
                if (bookmarkId.Length == 0)
                {
                    throw new ConflictException($"review '{reviewId}' is being decided");
                }

                await runtime.ResumeAsync(bookmarkId, command, cancellationToken);
                var action = command["command"]!.GetValue<string>() == ReviewActivity.AddCommand ? AuditActions.ReviewerAdd : AuditActions.ReviewerRemove;
                await audit.RecordAsync(caller, action, reviewId, command.ToJsonString(), cancellationToken: CancellationToken.None);
                return await GetAsync(caller, reviewId, cancellationToken);
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                // Read again: the review may have ended (then the check above answers), or simply moved on.
            }
        }
    }

    /// <summary>The review if the caller may see it, else <see cref="NotFoundException"/>.</summary>
    private static async Task<ReviewRecord> FindVisibleAsync(WorkflowDbContext db, Caller caller, string reviewId, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        var visible = review is not null && (caller.SeesAllAgencies
            || review.OwnerAgencyCode == caller.AgencyCode
            || await db.Tasks.AnyAsync(t => t.InstanceId == review.InstanceId && t.AgencyCode == caller.AgencyCode, cancellationToken));
        return visible ? review! : throw new NotFoundException($"review '{reviewId}' does not exist");
    }

    private static async Task<IReadOnlyList<ReviewView>> ViewsAsync(WorkflowDbContext db, IReadOnlyList<ReviewRecord> reviews, CancellationToken cancellationToken)
    {
        if (reviews.Count == 0)
        {
            // Most cases have no review: every task page asks, and need not ask twice.
            return [];
        }

        var ids = reviews.Select(r => r.Id).ToList();
        var reviewers = (await db.ReviewParticipants.AsNoTracking().Where(p => ids.Contains(p.ReviewId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.ReviewId);
        return [.. reviews.Select(r => new ReviewView(
            r.Id, r.InstanceId, r.Title, r.TitleEn, r.OwnerAgencyCode, r.Mode, r.RequiredCount, r.RequiredShare, r.Sequential, r.WaitForAll, r.State, r.Reason, r.CreatedAt, r.DecidedAt,
            [.. reviewers[r.Id].OrderBy(p => p.Position).Select(p => new ReviewerView(
                p.Id, p.Position, p.AgencyCode, p.Role, p.UserName, p.State, p.TaskId, p.DecidedBy, p.ActingFor, p.DecidedAt, p.Comment, p.Reason,
                p.AddedBy, p.AddedReason, p.AddedAt, p.RemovedBy, p.RemovedAt))]))];
    }

    private void CheckReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["give the reason for the change"];
        }
        else if (reason.Length > limits.Value.MaxTextLength)
        {
            errors["reason"] = [$"reason has at most {limits.Value.MaxTextLength} characters"];
        }
    }

    private static string Truncated(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}

using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Reviews;

/// <summary>
/// <c>AiPlus.Review</c>: a joint review (会签/或签, docs/decisions/026). Each reviewer — an agency, a role of it or a user of
/// it (<c>reviewers</c>) — gets an ordinary task (kind <c>review</c>, outcomes Approved, Returned with a reason, or
/// Abstained), all at once or one after another (<c>sequential</c>). The rule (<c>mode</c>: all, any, atLeast
/// <c>count</c>, share <c>share</c>; see <see cref="ReviewRule"/>) is applied after every decision, and the review ends
/// as soon as its outcome is certain: the reviewers still open are cancelled with the reason, and the workflow goes on
/// through port Approved or Returned with <c>{outcome, data: {reason, reasons, comments, approved, returned, abstained},
/// by, reviewId}</c> (so a review stands where a HumanTask review stood). With <c>waitForAll</c> the outcome waits for
/// every reviewer, so a return carries every reason. The lead of <c>ownerAgency</c> (default: <c>leadAgency</c>, else
/// the first reviewer's agency) or NDRC staff add and remove reviewers while it runs (加签/减签), through a
/// <see cref="BookmarkKinds.Command"/> bookmark keyed by the review's id; the rule is applied again at once.
/// </summary>
internal sealed class ReviewActivity(IOptions<TaskOptions> options, AgencyDirectory? agencies = null) : IActivity
{
    public const string Type = "AiPlus.Review";

    /// <summary>What each reviewer's task may complete with.</summary>
    internal static readonly IReadOnlyList<string> ReviewerOutcomes = [TaskOutcomes.Approved, TaskOutcomes.Returned, TaskOutcomes.Abstained];

    /// <summary>The reviewer's form when the definition gives none: an opinion, and the reason of a return.</summary>
    private const string ReviewerForm =
        """{"type":"object","properties":{"comment":{"type":"string","title":"审核意见"},"reason":{"type":"string","title":"退回理由（退回时必填）"}}}""";

    /// <summary>The command payload's <c>command</c> for adding a reviewer.</summary>
    internal const string AddCommand = "add";

    /// <summary>The command payload's <c>command</c> for removing a reviewer.</summary>
    internal const string RemoveCommand = "remove";

    private static readonly IReadOnlyList<string> Outcomes = [TaskOutcomes.Approved, TaskOutcomes.Returned];

    /// <summary>Why an open reviewer's task is cancelled when the review passed without them.</summary>
    private static readonly (string Zh, string En) PassedWithout = ("审核已通过，无需再审", "the review has passed without this reviewer");

    /// <summary>Why an open reviewer's task is cancelled when the review was returned without them.</summary>
    private static readonly (string Zh, string En) ReturnedWithout = ("审核已退回，无需再审", "the review has been returned without this reviewer");

    /// <summary>Why an open reviewer's task is cancelled when the workflow stopped waiting for the review.</summary>
    private static readonly (string Zh, string En) WorkflowStopped = ("流程已不再等待本审核", "the workflow no longer waits for this review");

    public ActivityDescriptor Descriptor { get; } = new(
        Type,
        "tasks",
        [
            .. TaskIssue.TextInputs,
            new("reviewers", InputKind.Json, Required: true),
            new("mode", InputKind.Choice, Choices: ReviewRule.Modes, DefaultValue: ReviewRule.All),
            new("count", InputKind.Number),
            new("share", InputKind.Number),
            new("sequential", InputKind.Condition, DefaultValue: "false"),
            new("waitForAll", InputKind.Condition, DefaultValue: "false"),
            new("ownerAgency", InputKind.Text),
            .. TaskIssue.WorkInputs(StepKinds.Review),
            new("schema", InputKind.Json),
            TaskIssue.BlueWithinInput,
        ],
        _ => Outcomes)
    {
        Outputs = [ActivityDescriptor.Result],
    };

    public void Execute(ActivityExecutionContext context)
    {
        var issue = TaskIssue.Evaluate(context, options.Value, agencies, StepKinds.Review);
        var reviewers = ParseReviewers(context.Evaluate("reviewers"));
        var rule = new ReviewRule(
            context.EvaluateText("mode") ?? ReviewRule.All,
            context.EvaluateOptionalNumber("count") is { } count ? (count == Math.Floor(count) && count is >= 1 and <= int.MaxValue ? (int)count : 0) : null,
            context.EvaluateOptionalNumber("share"));
        if (rule.Problem(reviewers.Count) is { } problem)
        {
            throw new ActivityFaultException(problem);
        }

        var review = new ReviewRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            InstanceId = context.InstanceId,
            DefinitionId = context.DefinitionId,
            ActivityId = context.Node.Id,
            Title = issue.Title.Zh ?? throw new ActivityFaultException("input 'title' is required"),
            TitleEn = issue.Title.En,
            OwnerAgencyCode = context.EvaluateText("ownerAgency") ?? context.EvaluateText("leadAgency") ?? reviewers[0].AgencyCode,
            Mode = rule.Mode,
            RequiredCount = rule.Mode == ReviewRule.AtLeast ? rule.Count : null,
            RequiredShare = rule.Mode == ReviewRule.ShareMode ? rule.Share : null,
            Sequential = context.EvaluateBool("sequential"),
            WaitForAll = context.EvaluateBool("waitForAll"),
            State = ReviewStates.Open,
            CreatedAt = context.Now,
        };
        var ledger = ReviewLedger.Start(review);
        foreach (var reviewer in reviewers)
        {
            reviewer.ReviewId = review.Id;
            reviewer.AddedAt = context.Now;
            ledger.Add(reviewer);
        }

        context.CreateBookmark(BookmarkKinds.Command, key: review.Id);
        Settle(context, ledger, issue, by: TaskEffects.System);
    }

    public void Resume(ActivityExecutionContext context, Bookmark bookmark, JsonNode? payload)
    {
        var ledger = ReviewLedger.Load(context.Memory);
        var by = payload?["by"]?.GetValue<string>() ?? TaskEffects.System;
        if (bookmark.Kind == BookmarkKinds.Command)
        {
            Command(context, ledger, payload, by);
            context.CreateBookmark(BookmarkKinds.Command, key: ledger.Review.Id);
        }
        else if (ledger.ReviewerOf(bookmark) is { } reviewer)
        {
            Decision(context, ledger, reviewer, payload, by);
        }

        Settle(context, ledger, issue: null, by);
    }

    public void OnCancelled(ActivityExecutionContext context)
    {
        if (context.Memory.Count == 0)
        {
            return;
        }

        var ledger = ReviewLedger.Load(context.Memory);
        CloseOpenTurns(context, ledger, WorkflowStopped);
        ledger.Review.State = ReviewStates.Cancelled;
        ledger.Review.DecidedAt = context.Now;
        ledger.ReviewChanged();
        ledger.Event(OutboxEventTypes.ReviewCompleted, null);
        context.AddEffect(ledger.Save(context.Memory));
    }

    /// <summary>A reviewer's decision: their task completes, and their row records it.</summary>
    private static void Decision(ActivityExecutionContext context, ReviewLedger ledger, ReviewParticipantRecord reviewer, JsonNode? payload, string by)
    {
        var outcome = payload?["outcome"]?.GetValue<string>() ?? TaskOutcomes.Approved;
        var data = payload?["data"];
        var actingFor = payload?["actingFor"]?.GetValue<string>();
        ledger.Bookmarks.Remove(reviewer.Id);
        context.AddEffect(new TaskEffects.Completed(reviewer.TaskId!, outcome, data?.DeepClone(), by, actingFor));
        reviewer.State = outcome switch
        {
            TaskOutcomes.Returned => ReviewerStates.Returned,
            TaskOutcomes.Abstained => ReviewerStates.Abstained,
            _ => ReviewerStates.Approved,
        };
        reviewer.DecidedBy = by;
        reviewer.ActingFor = actingFor;
        reviewer.DecidedAt = context.Now;
        reviewer.Comment = Text(data?["comment"]) ?? Text(data?["opinion"]);
        reviewer.Reason = Text(data?["reason"]);
        ledger.Changed(reviewer);
        ledger.Event(OutboxEventTypes.ReviewDecided, reviewer, new JsonObject
        {
            ["outcome"] = outcome,
            ["by"] = by,
            ["actingFor"] = reviewer.ActingFor,
            ["comment"] = reviewer.Comment,
            ["reason"] = reviewer.Reason,
        });
    }

    /// <summary>
    /// Adds or removes a reviewer (<c>{command, by, reason, reviewer: {agency, role, user}}</c> or
    /// <c>{command, by, reason, reviewerId}</c>). The service checked the command; one that no longer applies (the
    /// reviewer decided or was removed meanwhile) changes nothing, so it can never fault the workflow.
    /// </summary>
    private void Command(ActivityExecutionContext context, ReviewLedger ledger, JsonNode? payload, string by)
    {
        var reason = Text(payload?["reason"]);
        var command = Text(payload?["command"]);
        if (command == AddCommand && payload?["reviewer"] is JsonObject spec && Text(spec["agency"]) is { } agency
            && (agencies is null || agencies.Find(agency) is not null))
        {
            var added = ledger.Add(new ReviewParticipantRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                ReviewId = ledger.Review.Id,
                AgencyCode = agency,
                Role = Text(spec["role"]),
                UserName = Text(spec["user"]),
                State = ReviewerStates.Waiting,
                AddedBy = by,
                AddedReason = reason,
                AddedAt = context.Now,
            });
            ledger.Event(OutboxEventTypes.ReviewReviewerAdded, added, new JsonObject { ["by"] = by, ["reason"] = reason });
        }
        else if (command == RemoveCommand && ledger.Reviewers.Find(r => r.Id == Text(payload?["reviewerId"])) is { } removed
            && ReviewerStates.IsPending(removed.State))
        {
            CloseTurn(context, ledger, removed, ReviewerStates.Removed, (Zh: reason ?? "", En: reason ?? ""));
            removed.Reason = reason;
            removed.RemovedBy = by;
            removed.RemovedAt = context.Now;
            ledger.Event(OutboxEventTypes.ReviewReviewerRemoved, removed, new JsonObject { ["by"] = by, ["reason"] = reason });
        }
    }

    /// <summary>
    /// Applies the rule: when the outcome is certain (and, with <c>waitForAll</c>, nobody is pending), the open turns are
    /// cancelled and the activity completes; otherwise every reviewer whose turn has come gets a task. Saves the ledger.
    /// </summary>
    private void Settle(ActivityExecutionContext context, ReviewLedger ledger, TaskIssue? issue, string by)
    {
        var review = ledger.Review;
        var counts = Counts(ledger.Reviewers);
        var outcome = ledger.Rule.Decide(counts.Approved, counts.Returned, counts.Pending);
        if (outcome is not null && !(review.WaitForAll && counts.Pending > 0))
        {
            var result = Result(ledger, outcome, counts, by);
            CloseOpenTurns(context, ledger, outcome == TaskOutcomes.Approved ? PassedWithout : ReturnedWithout);
            review.State = outcome == TaskOutcomes.Approved ? ReviewStates.Approved : ReviewStates.Returned;
            review.Reason = result["data"]!["reason"]?.GetValue<string>();
            review.DecidedAt = context.Now;
            ledger.ReviewChanged();
            ledger.Event(OutboxEventTypes.ReviewCompleted, null, new JsonObject { ["outcome"] = outcome, ["approved"] = counts.Approved, ["returned"] = counts.Returned, ["abstained"] = counts.Abstained });
            context.AddEffect(ledger.Save(context.Memory));
            context.Complete([outcome], result);
            return;
        }

        var due = review.Sequential
            ? ledger.Reviewers.Any(r => r.State == ReviewerStates.Open) ? [] : ledger.Reviewers.Where(r => r.State == ReviewerStates.Waiting).Take(1)
            : ledger.Reviewers.Where(r => r.State == ReviewerStates.Waiting);
        foreach (var reviewer in due.ToList())
        {
            issue ??= TaskIssue.Evaluate(context, options.Value, agencies, StepKinds.Review);
            var task = issue.Issue(context, reviewer.AgencyCode, reviewer.Role, reviewer.UserName, ReviewerOutcomes, "reviewers");
            task.Schema ??= ReviewerForm;
            context.AddEffect(new TaskEffects.Created(task));
            reviewer.TaskId = task.Id;
            reviewer.State = ReviewerStates.Open;
            ledger.Bookmarks[reviewer.Id] = task.BookmarkId;
            ledger.Changed(reviewer);
        }

        context.AddEffect(ledger.Save(context.Memory));
    }

    /// <summary>Cancels every pending turn (an open task is cancelled with <paramref name="reason"/>).</summary>
    private static void CloseOpenTurns(ActivityExecutionContext context, ReviewLedger ledger, (string Zh, string En) reason)
    {
        foreach (var reviewer in ledger.Reviewers.Where(r => ReviewerStates.IsPending(r.State)))
        {
            CloseTurn(context, ledger, reviewer, ReviewerStates.Cancelled, reason);
        }
    }

    /// <summary>Ends a pending reviewer's turn: their task (if issued) is cancelled with <paramref name="reason"/> and stops being waited on.</summary>
    private static void CloseTurn(ActivityExecutionContext context, ReviewLedger ledger, ReviewParticipantRecord reviewer, string state, (string Zh, string En) reason)
    {
        if (ledger.Bookmarks.Remove(reviewer.Id, out var bookmarkId))
        {
            context.RemoveBookmark(bookmarkId);
        }

        if (reviewer.TaskId is { } taskId && reviewer.State == ReviewerStates.Open)
        {
            context.AddEffect(new TaskEffects.Cancelled(taskId, reason));
        }

        reviewer.State = state;
        ledger.Changed(reviewer);
    }

    /// <summary>The activity's result: the outcome, every reason and comment given, and the counts.</summary>
    private static JsonObject Result(ReviewLedger ledger, string outcome, ReviewCounts counts, string by)
    {
        var decided = ledger.Reviewers.Where(r => r.DecidedAt is not null).OrderBy(r => r.DecidedAt).ThenBy(r => r.Position).ToList();
        JsonObject Said(ReviewParticipantRecord r, string key, string text) => new()
        {
            ["by"] = r.DecidedBy,
            ["actingFor"] = r.ActingFor,
            ["agency"] = r.AgencyCode,
            [key] = text,
        };

        var reasons = decided.Where(r => r.State == ReviewerStates.Returned && r.Reason is not null).Select(r => Said(r, "reason", r.Reason!)).ToList();
        var comments = decided.Where(r => r.Comment is not null).Select(r => Said(r, "comment", r.Comment!)).ToList();
        var reason = outcome != TaskOutcomes.Returned
            ? null
            : reasons.Count > 0
                ? string.Join("；", reasons.Select(r => r["reason"]!.GetValue<string>()))
                : "审核人均弃权，未获同意";
        return new JsonObject
        {
            ["reviewId"] = ledger.Review.Id,
            ["outcome"] = outcome,
            ["data"] = new JsonObject
            {
                ["reason"] = reason,
                ["reasons"] = new JsonArray([.. reasons]),
                ["comments"] = new JsonArray([.. comments]),
                ["approved"] = counts.Approved,
                ["returned"] = counts.Returned,
                ["abstained"] = counts.Abstained,
            },
            ["by"] = by,
        };
    }

    private static ReviewCounts Counts(IReadOnlyList<ReviewParticipantRecord> reviewers) => new(
        reviewers.Count(r => r.State == ReviewerStates.Approved),
        reviewers.Count(r => r.State == ReviewerStates.Returned),
        reviewers.Count(r => r.State == ReviewerStates.Abstained),
        reviewers.Count(r => ReviewerStates.IsPending(r.State)));

    /// <summary>
    /// The <c>reviewers</c> input: a list of agency codes (anyone of the agency) and objects <c>{agency, role}</c>
    /// (<c>role</c> staff or lead) or <c>{agency, user}</c> (one user of the agency). At least one.
    /// </summary>
    private static List<ReviewParticipantRecord> ParseReviewers(JsonNode? value)
    {
        var items = value switch
        {
            JsonArray array => array,
            JsonValue text when text.TryGetValue<string>(out var s) && s.TrimStart().StartsWith('[') => JsonNode.Parse(s) as JsonArray,
            JsonValue text when text.TryGetValue<string>(out var s) => new JsonArray([.. ActivityExecutionContext.ParseNames(JsonValue.Create(s)).Select(n => (JsonNode)n)]),
            _ => null,
        };
        if (items is null || items.Count == 0)
        {
            throw new ActivityFaultException("input 'reviewers' names no reviewer: give a list of agencies or {agency, role, user}");
        }

        return [.. items.Select((item, i) =>
        {
            var (agency, role, user) = item switch
            {
                JsonValue v when v.TryGetValue<string>(out var code) => (code, null, null),
                JsonObject o => (Text(o["agency"]), Text(o["role"]), Text(o["user"])),
                _ => (null, null, (string?)null),
            };
            if (agency is null)
            {
                throw new ActivityFaultException($"input 'reviewers'[{i}]: a reviewer needs an agency");
            }

            if (role is not (null or "staff" or "lead"))
            {
                throw new ActivityFaultException($"input 'reviewers'[{i}]: role '{role}' is neither 'staff' nor 'lead'");
            }

            if (role is not null && user is not null)
            {
                throw new ActivityFaultException($"input 'reviewers'[{i}]: name a role or a user of the agency, not both");
            }

            return new ReviewParticipantRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                ReviewId = "",
                AgencyCode = agency,
                Role = role,
                UserName = user,
                State = ReviewerStates.Waiting,
            };
        })];
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>How the reviewers stand.</summary>
    private readonly record struct ReviewCounts(int Approved, int Returned, int Abstained, int Pending);
}

using System.Security.Claims;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Contract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>The inbox and the task actions, scoped to the caller's agency (another agency's task is a 404).</summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        group.MapGet("/", ListTasks).WithName(nameof(ListTasks)).ProducesValidationProblem().OpenToAgencySystems()
            .WithSummary("List the inbox: the caller's tasks, filtered, sorted and paged")
            .WithDescription("A page of the tasks the caller may see: an agency's own people and API keys see their agency's tasks, NDRC staff and auditors every agency's. " +
                "`view` (default `open`) picks an inbox view (see `GET /api/tasks/counts`); `pillar`, `plan`, `agency`, `dueFrom`/`dueTo` and the text `q` filter; `sort` (default `due`). Changes nothing; 400 names every bad parameter at once.");
        group.MapGet("/counts", CountTasks).WithName(nameof(CountTasks)).OpenToAgencySystems()
            .WithSummary("How many tasks each inbox view holds, within the inbox's agency and pillar filters when given")
            .WithDescription("A count per inbox view (`open`, `mine`, `unclaimed`, `due-soon`, `overdue`…: the `view` values of `GET /api/tasks`) over the tasks the caller may see, optionally for one `agency` and `pillar`. Changes nothing.");
        group.MapGet("/heatmap", GetHeatmap).WithName(nameof(GetHeatmap)).WithSummary("Open work per pillar and agency, by colour");
        group.MapGet("/progress-trend", GetProgressTrend).WithName(nameof(GetProgressTrend)).WithSummary("Key-task progress week by week").ProducesValidationProblem();
        group.MapGet("/{taskId}", GetTask).WithName(nameof(GetTask)).OpenToAgencySystems()
            .WithSummary("Read a task with its form, history, reports and the actions open to the caller")
            .WithDescription("Anyone who may see the task: its agency's people and API keys (also the co-units' parts of the agency's own tasks, read only), NDRC staff and auditors. Another agency's task is a 404, like a missing one. Changes nothing.");
        group.MapPost("/{taskId}/claim", ClaimTask).WithName(nameof(ClaimTask))
            .WithSummary("Claim a task (签收) so the caller works on it")
            .WithDescription("The agency's staff (a lead-only step: its lead) or NDRC staff; not agency systems. Records the claim in the task's history and sends `task.claimed`; 409 when the task is not open (already claimed, or done).");
        group.MapPost("/{taskId}/unclaim", UnclaimTask).WithName(nameof(UnclaimTask))
            .WithSummary("Give a claimed task back to the agency's inbox")
            .WithDescription("The claimer, the agency's lead or NDRC staff; not agency systems. The task is open again in its agency's inbox; its history records who gave it back. 409 when it is not claimed.");
        group.MapPost("/{taskId}/reassign", ReassignTask).WithName(nameof(ReassignTask)).ProducesValidationProblem()
            .WithSummary("Reassign a task to another user of its agency, or (NDRC) to another agency")
            .WithDescription("Body `{agency?, user?}`: within the agency its lead, across agencies NDRC staff; not agency systems. Moves the task, records it in its history and sends `task.reassigned`; 400 names `agency` or `user` when unknown or not of the task's agency.");
        group.MapPost("/{taskId}/comments", CommentOnTask).WithName(nameof(CommentOnTask)).ProducesValidationProblem()
            .WithSummary("Add a comment to a task's history")
            .WithDescription("Body `{text}` (up to 4,000 characters; 400 naming `text` when blank or longer). People who may act on the task: its agency's staff and lead, NDRC staff; not agency systems or auditors. Answers the task with the comment in its history.");
        group.MapPost("/{taskId}/progress-reports", ReportProgress).WithName(nameof(ReportProgress)).ProducesValidationProblem().OpenToAgencySystems()
            .WithSummary("Report progress on a task, or submit the report step with it")
            .WithDescription("The task's agency's people and API keys, NDRC staff. A submission waits for the co-units as `complete` does (409, or `coUnitOverride`).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{taskId}/complete", CompleteTask).WithName(nameof(CompleteTask)).ProducesValidationProblem().OpenToAgencySystems()
            .WithSummary("Complete a task with an outcome: submit, approve or return")
            .WithDescription("The task's agency's people and API keys, NDRC staff; not a task someone else claimed (but its lead or NDRC staff). `data` must match the task's form. A lead unit's submission waits for its co-units: 409 names the co-units that have not reported; coUnitOverride {reason} submits anyway (the lead unit's lead or NDRC staff; " +
                "403 otherwise; a blank reason is a 400 naming coUnitOverride.reason). The co-units' parts still open are cancelled.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{taskId}/evidence/{sha256}", GetEvidence).WithName(nameof(GetEvidence)).WithSummary("Download an evidence file of a task's report").OpenToAgencySystems();
        return app;
    }

    public static async Task<Ok<Page<TaskSummary>>> ListTasks(
        TaskService tasks, ClaimsPrincipal user, string? view, string? pillar, string? plan, string? q,
        DateTimeOffset? dueFrom, DateTimeOffset? dueTo, string? agency, string? sort, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        // The service validates view, sort and paging together, so one 400 names every bad parameter.
        var query = new TaskQuery(view ?? TaskViews.Open, pillar, plan, q, dueFrom, dueTo, agency, sort ?? "due", page ?? 1, pageSize ?? Paging.DefaultPageSize);
        return TypedResults.Ok(await tasks.ListAsync(CallerClaims.ToCaller(user), query, cancellationToken));
    }

    public static async Task<Ok<IReadOnlyDictionary<string, int>>> CountTasks(
        TaskService tasks, ClaimsPrincipal user, string? agency, string? pillar, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.CountsAsync(CallerClaims.ToCaller(user), agency, pillar, cancellationToken));

    /// <summary>Open work per pillar and agency with its worst and average colour; 403 unless NDRC staff or an auditor.</summary>
    public static async Task<Ok<IReadOnlyList<HeatmapCell>>> GetHeatmap(TaskService tasks, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.HeatmapAsync(CallerClaims.ToCaller(user), cancellationToken));

    /// <summary>
    /// Average key-task progress week by week (China Standard Time, Monday start; each key task's latest report, 0 before
    /// its first), a series per pillar or per plan and overall, optionally for one plan, pillar or agency; 400 naming the
    /// field for a bad groupBy, weeks (1–52), pillar or a blank agency; 403 unless NDRC staff or an auditor.
    /// </summary>
    public static async Task<Ok<ProgressTrend>> GetProgressTrend(
        ProgressTrendService trends, ClaimsPrincipal user, string? groupBy, string? plan, string? pillar, int? weeks, string? agency, CancellationToken cancellationToken)
    {
        var query = new ProgressTrendQuery(groupBy ?? ProgressTrendQuery.ByPillar, plan, pillar, weeks ?? ProgressTrendQuery.DefaultWeeks, agency);
        return TypedResults.Ok(await trends.GetAsync(CallerClaims.ToCaller(user), query, cancellationToken));
    }

    public static async Task<Ok<TaskView>> GetTask(TaskService tasks, ClaimsPrincipal user, string taskId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.GetAsync(CallerClaims.ToCaller(user), taskId, cancellationToken));

    public static async Task<Ok<TaskView>> ClaimTask(TaskService tasks, ClaimsPrincipal user, string taskId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.ClaimAsync(CallerClaims.ToCaller(user), taskId, cancellationToken));

    public static async Task<Ok<TaskView>> UnclaimTask(TaskService tasks, ClaimsPrincipal user, string taskId, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.UnclaimAsync(CallerClaims.ToCaller(user), taskId, cancellationToken));

    public static async Task<Ok<TaskView>> ReassignTask(TaskService tasks, ClaimsPrincipal user, string taskId, ReassignBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.ReassignAsync(CallerClaims.ToCaller(user), taskId, body.Agency, body.User, cancellationToken));

    public static async Task<Ok<TaskView>> CommentOnTask(TaskService tasks, ClaimsPrincipal user, string taskId, CommentBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.CommentAsync(CallerClaims.ToCaller(user), taskId, body.Text ?? "", cancellationToken));

    /// <summary>
    /// An interim progress report with evidence; with <c>"submit": true</c> the report step is submitted with it (the
    /// evidence stored, then the step completed with outcome <c>Submitted</c>, recording the report).
    /// </summary>
    public static async Task<Ok<TaskView>> ReportProgress(TaskService tasks, ClaimsPrincipal user, string taskId, ProgressReportBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.ReportProgressAsync(CallerClaims.ToCaller(user), taskId, body.ToInput(), body.Submit == true, body.CoUnitOverride, cancellationToken));

    /// <summary>
    /// An evidence file of a report of the task's case, to anyone who may see the task; 404 when the task is not the
    /// caller's to see or no report of its case lists the file. Always a download (<c>Content-Disposition: attachment</c>
    /// with the cleaned name, RFC 5987 for non-ASCII), typed as its allow-listed kind, never sniffed, never run as a page.
    /// </summary>
    public static async Task<FileContentHttpResult> GetEvidence(HttpContext context, TaskService tasks, ClaimsPrincipal user, string taskId, string sha256, CancellationToken cancellationToken)
    {
        var file = await tasks.GetEvidenceAsync(CallerClaims.ToCaller(user), taskId, sha256, cancellationToken);
        EvidenceDownload.SetHeaders(context.Response, file.FileName);
        return TypedResults.File(file.Content, file.ContentType);
    }

    public static async Task<Ok<TaskView>> CompleteTask(TaskService tasks, ClaimsPrincipal user, string taskId, CompleteBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tasks.CompleteAsync(CallerClaims.ToCaller(user), taskId, body.Outcome, body.Data, body.CoUnitOverride, cancellationToken));

    /// <summary>The body of <c>POST /api/tasks/{id}/reassign</c>: a new agency (NDRC only), a user, or both.</summary>
    public sealed record ReassignBody(string? Agency, string? User);

    /// <summary>The body of <c>POST /api/tasks/{id}/comments</c>.</summary>
    public sealed record CommentBody(string? Text);

    /// <summary>
    /// The body of <c>POST /api/tasks/{id}/complete</c>: an outcome of the task and data matching its schema. With co-units
    /// that have not reported, submitting needs <c>coUnitOverride</c> <c>{"reason": "…"}</c> (the lead unit's lead or NDRC staff).
    /// </summary>
    public sealed record CompleteBody(string? Outcome, JsonNode? Data, CoUnitOverride? CoUnitOverride = null);

    /// <summary>
    /// The body of <c>POST /api/tasks/{id}/progress-reports</c>; evidence files come base64-encoded. <c>submit</c>: true
    /// submits the report step with this report instead of adding an interim report.
    /// </summary>
    public sealed record ProgressReportBody(
        string? Done,
        string? Next,
        string? Problems,
        string? SupportNeeded,
        int? ProgressPercent,
        JsonArray? IndicatorActuals,
        TaskColour? SelfColour,
        int? Confidence,
        IReadOnlyList<EvidenceBody>? Evidence,
        bool? Submit = null,
        CoUnitOverride? CoUnitOverride = null)
    {
        /// <exception cref="RequestValidationException">A required field is missing, an evidence file is null or not valid base64.</exception>
        public ProgressReportInput ToInput()
        {
            var missing = new Dictionary<string, string[]>();
            if (ProgressPercent is null)
            {
                missing["progressPercent"] = ["progressPercent is required"];
            }

            if (Confidence is null)
            {
                missing["confidence"] = ["confidence is required"];
            }

            if (missing.Count > 0)
            {
                throw new RequestValidationException(missing);
            }

            var files = new List<EvidenceUpload>();
            var evidence = Evidence ?? [];
            for (var i = 0; i < evidence.Count; i++)
            {
                var file = evidence[i] ?? throw RequestValidationException.For($"evidence[{i}]", "an evidence file must be an object, not null");
                var content = new byte[((file.ContentBase64?.Length ?? 0) * 3 / 4) + 3];
                if (!Convert.TryFromBase64String(file.ContentBase64 ?? "", content, out var length))
                {
                    throw RequestValidationException.For($"evidence[{i}].contentBase64", "evidence content must be base64");
                }

                files.Add(new EvidenceUpload(file.FileName ?? "", file.ContentType ?? "application/octet-stream", content[..length]));
            }

            return new ProgressReportInput(Done, Next, Problems, SupportNeeded, ProgressPercent!.Value, IndicatorActuals, SelfColour ?? TaskColour.Green, Confidence!.Value, files);
        }
    }

    /// <summary>An evidence file in a progress report body.</summary>
    public sealed record EvidenceBody(string? FileName, string? ContentType, string? ContentBase64);
}

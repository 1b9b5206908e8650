using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Workflows.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Key-task progress for the supervision dashboard and the agency pages, now and week by week: the one place where
/// "progress" is computed (<see href="../../../docs/decisions/033-key-task-progress.md">ADR 033</see>).
/// </summary>
/// <remarks>
/// <para>
/// A key task (重点任务) here is one agency's line of work on a task filed under a pillar: one workflow instance with
/// tasks under a pillar (a ministry's or province's task of a national key task, or a task started on its own),
/// counted once however many steps (refine, report, review…) it went through. An instance that fanned its work out to
/// child instances (the national key task's own) is counted through its children, not again itself; a co-unit's part
/// (a sub-task of the lead's step) is not a line of its own, nor are its reports the line's. The line's agency, pillar
/// and plan are those of its first task, and it exists from that task's creation until its instance is cancelled.
/// </para>
/// <para>
/// A line's progress at a time is the percentage of its latest progress report by then (the highest report id among
/// its own tasks: reports are appended with the time of their appending), 0 before its first report. Finishing the
/// workflow does not make it 100: the figure says what the agencies reported, and the closure path asks for a 100 %
/// report before it closes. Each week ends Monday 00:00 in the engine's time zone (<see cref="EngineOptions.TimeZone"/>,
/// China Standard Time by default); the last week is the current one, so its value is the progress now.
/// </para>
/// <para>
/// Three queries do the work — the lines' tasks, their fanned-out and cancelled instances, then the reports in the window
/// plus each line's latest one before it — and the rest is in memory (a fourth fetches the plans' names when grouping by
/// plan).
/// </para>
/// </remarks>
public sealed class ProgressTrendService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    TimeProvider time,
    IOptions<EngineOptions> options,
    Catalog? catalog = null)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The key-task progress of the caller's tasks (NDRC staff and auditors only: the dashboard is theirs).</summary>
    /// <exception cref="ForbiddenException">The caller does not see all agencies.</exception>
    /// <exception cref="RequestValidationException">
    /// <c>groupBy</c> is not pillar or plan, <c>weeks</c> is out of range, <c>pillar</c> is not a catalog code (checked
    /// only when the catalog is loaded) or <c>agency</c> is blank; every problem is named.
    /// </exception>
    public async Task<ProgressTrend> GetAsync(Caller caller, ProgressTrendQuery query, CancellationToken cancellationToken = default)
    {
        if (!caller.SeesAllAgencies)
        {
            throw new ForbiddenException("progress over time is for NDRC staff and auditors");
        }

        Validate(query);
        var byPlan = query.GroupBy == ProgressTrendQuery.ByPlan;
        var (weeks, ends) = WeeksEndingNow(query.Weeks);
        var windowStart = weeks[0].ToUniversalTime();
        var windowEnd = ends[^1];

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = TaskService.Visible(db.Tasks.AsNoTracking(), caller, null);
        if (!string.IsNullOrWhiteSpace(query.PlanId))
        {
            tasks = tasks.Where(t => t.PlanId == query.PlanId);
        }

        if (!string.IsNullOrWhiteSpace(query.Pillar))
        {
            tasks = TaskService.InPillar(tasks, query.Pillar);
        }

        // Stored times are UTC and compared as stored, so every bound is UTC.
        tasks = (byPlan ? tasks.Where(t => t.PlanId != null) : tasks)
            .Where(t => t.Pillar != null && t.ParentTaskId == null && t.CreatedAt < windowEnd)
            .Where(t => !db.Instances.Any(child => child.ParentInstanceId == t.InstanceId));
        var lines = await LinesAsync(db, tasks, query.Agency, windowStart, byPlan, cancellationToken);
        if (lines.Count == 0)
        {
            return new ProgressTrend(query.GroupBy, weeks, [], new double?[weeks.Length], new int[weeks.Length]);
        }

        // The reports in the window, and each line's latest report before it, as one UNION ALL.
        var lineTasks = tasks.Select(t => new { t.Id, t.InstanceId });
        var inWindow = db.ProgressReports
            .Where(r => r.ReportedAt >= windowStart && r.ReportedAt < windowEnd)
            .Join(lineTasks, r => r.TaskId, t => t.Id, (r, t) => new { t.InstanceId, r.Id, r.ReportedAt, r.ProgressPercent });
        var latestBefore = db.ProgressReports
            .Where(r => r.ReportedAt < windowStart)
            .Join(lineTasks, r => r.TaskId, t => t.Id, (r, t) => new { t.InstanceId, r.Id })
            .GroupBy(r => r.InstanceId)
            .Select(g => new { InstanceId = g.Key, Id = g.Max(r => r.Id) })
            .Join(db.ProgressReports, l => l.Id, r => r.Id, (l, r) => new { l.InstanceId, r.Id, r.ReportedAt, r.ProgressPercent });
        var reports = await inWindow.Concat(latestBefore).AsNoTracking()
            .Select(r => new ReportRow(r.InstanceId, r.Id, r.ReportedAt, r.ProgressPercent))
            .ToListAsync(cancellationToken);

        var names = byPlan
            ? await PlanNamesAsync(db, lines, cancellationToken)
            : null;
        return Compute(query.GroupBy, weeks, lines, reports, ends, byPlan, names);
    }

    /// <summary>
    /// The key-task lines among <paramref name="tasks"/> (one per instance, from its first task), of one agency when
    /// given, without those cancelled before the window.
    /// </summary>
    private static async Task<List<LineRow>> LinesAsync(
        WorkflowDbContext db, IQueryable<TaskRecord> tasks, string? agency, DateTimeOffset windowStart, bool byPlan, CancellationToken cancellationToken)
    {
        var rows = await tasks
            .Select(t => new { t.InstanceId, t.AgencyCode, t.Pillar, t.PlanId, t.CreatedAt, t.Id })
            .ToListAsync(cancellationToken);
        var instanceIds = tasks.Select(t => t.InstanceId);
        var cancelled = await db.Instances.AsNoTracking()
            .Where(i => i.Status == WorkflowStatus.Cancelled && instanceIds.Contains(i.Id))
            .Select(i => new { i.Id, At = i.FinishedAt ?? i.UpdatedAt })
            .ToDictionaryAsync(i => i.Id, i => i.At, StringComparer.Ordinal, cancellationToken);
        return [.. rows
            .GroupBy(r => r.InstanceId, StringComparer.Ordinal)
            .Select(g => g.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).First())
            .Where(first => string.IsNullOrWhiteSpace(agency) || first.AgencyCode == agency)
            .Select(first => new LineRow(
                first.InstanceId,
                byPlan ? first.PlanId! : first.Pillar!,
                first.CreatedAt,
                cancelled.TryGetValue(first.InstanceId, out var at) ? at : null))
            .Where(line => !(line.CancelledAt < windowStart))];
    }

    private void Validate(ProgressTrendQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        if (query.GroupBy is not (ProgressTrendQuery.ByPillar or ProgressTrendQuery.ByPlan))
        {
            errors["groupBy"] = [$"groupBy must be {ProgressTrendQuery.ByPillar} or {ProgressTrendQuery.ByPlan}"];
        }

        if (query.Weeks is < ProgressTrendQuery.MinWeeks or > ProgressTrendQuery.MaxWeeks)
        {
            errors["weeks"] = [$"weeks must be between {ProgressTrendQuery.MinWeeks} and {ProgressTrendQuery.MaxWeeks}"];
        }

        if (!string.IsNullOrWhiteSpace(query.Pillar) && catalog is not null && catalog.FindPillarOrItem(query.Pillar) is null)
        {
            errors["pillar"] = [$"unknown pillar or item '{query.Pillar}'"];
        }

        if (query.Agency is not null && string.IsNullOrWhiteSpace(query.Agency))
        {
            errors["agency"] = ["agency must not be blank"];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }

    /// <summary>The starts of the last <paramref name="count"/> weeks (local Monday 00:00) and their ends in UTC (the next Monday).</summary>
    private (DateTimeOffset[] Starts, DateTimeOffset[] Ends) WeeksEndingNow(int count)
    {
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), _timeZone).Date;
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var starts = new DateTimeOffset[count];
        var ends = new DateTimeOffset[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = AtMidnight(monday.AddDays(-7 * (count - 1 - i)));
            ends[i] = AtMidnight(monday.AddDays(-7 * (count - 2 - i))).ToUniversalTime();
        }

        return (starts, ends);
    }

    private DateTimeOffset AtMidnight(DateTime localDate) => new(localDate, _timeZone.GetUtcOffset(localDate));

    private static async Task<Dictionary<string, string>> PlanNamesAsync(WorkflowDbContext db, List<LineRow> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
        return await db.Plans.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
    }

    private ProgressTrend Compute(
        string groupBy, DateTimeOffset[] weekStarts, List<LineRow> lines, List<ReportRow> reports, DateTimeOffset[] ends, bool byPlan, Dictionary<string, string>? planNames)
    {
        // Per line and week, the latest report (highest id) made in that week; reports before the window land in its
        // first week. Carried forward week by week, that is the line's latest report by each week's end.
        var weeks = ends.Length;
        var lineIndex = new Dictionary<string, int>(lines.Count, StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            lineIndex[lines[i].InstanceId] = i;
        }

        var latestId = new long[lines.Count * weeks];
        var latestPercent = new int[lines.Count * weeks];
        foreach (var report in reports)
        {
            // A line of another agency, or made between the queries, has reports but no row: it is not counted.
            if (!lineIndex.TryGetValue(report.InstanceId, out var index))
            {
                continue;
            }

            var cell = (index * weeks) + WeekOf(ends, report.ReportedAt);
            if (report.Id > latestId[cell])
            {
                latestId[cell] = report.Id;
                latestPercent[cell] = report.ProgressPercent;
            }
        }

        var seriesKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var sums = new Dictionary<string, (double[] Sum, int[] Count)>(StringComparer.Ordinal);
        var overallSum = new double[weeks];
        var overallCount = new int[weeks];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!seriesKeys.TryGetValue(line.Key, out var key))
            {
                key = byPlan ? line.Key : catalog?.FindPillarOrItem(line.Key)?.Pillar.Code ?? line.Key;
                seriesKeys[line.Key] = key;
            }

            if (!sums.TryGetValue(key, out var series))
            {
                series = (new double[weeks], new int[weeks]);
                sums[key] = series;
            }

            var progress = 0;
            for (var week = 0; week < weeks; week++)
            {
                var cell = (i * weeks) + week;
                if (latestId[cell] > 0)
                {
                    progress = latestPercent[cell];
                }

                var end = ends[week];
                if (line.CreatedAt >= end || line.CancelledAt < end)
                {
                    continue;
                }

                series.Sum[week] += progress;
                series.Count[week]++;
                overallSum[week] += progress;
                overallCount[week]++;
            }
        }

        var pillarOrder = catalog?.Pillars.Select((p, i) => (p.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal) ?? [];
        return new ProgressTrend(
            groupBy,
            weekStarts,
            [.. sums
                .Where(s => s.Value.Count.Any(c => c > 0))
                .Select(s => Series(s.Key, s.Value.Sum, s.Value.Count, byPlan, planNames))
                .OrderBy(s => byPlan ? 0 : pillarOrder.GetValueOrDefault(s.Key, int.MaxValue))
                .ThenBy(s => s.NameZh, StringComparer.Ordinal)
                .ThenBy(s => s.Key, StringComparer.Ordinal)],
            Averages(overallSum, overallCount),
            overallCount);
    }

    /// <summary>The first week ending after the instant (the first week for anything before the window).</summary>
    private static int WeekOf(DateTimeOffset[] ends, DateTimeOffset instant)
    {
        var low = 0;
        var high = ends.Length - 1;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ends[middle] > instant)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private ProgressTrendSeries Series(string key, double[] sum, int[] count, bool byPlan, Dictionary<string, string>? planNames)
    {
        var average = Averages(sum, count);
        if (byPlan)
        {
            var name = planNames?.GetValueOrDefault(key) ?? key;
            return new ProgressTrendSeries(key, name, name, average, count);
        }

        var pillar = catalog?.FindPillarOrItem(key)?.Pillar;
        return new ProgressTrendSeries(key, pillar?.NameZh ?? key, pillar?.NameEn ?? key, average, count);
    }

    /// <summary>Per week, the mean rounded to one decimal; null for a week without a key task.</summary>
    private static double?[] Averages(double[] sum, int[] count) =>
        [.. sum.Select((s, i) => count[i] == 0 ? (double?)null : Math.Round(s / count[i], 1, MidpointRounding.AwayFromZero))];

    /// <summary>One key-task line: its instance, series key (pillar or plan), first task's creation and its cancellation.</summary>
    private sealed record LineRow(string InstanceId, string Key, DateTimeOffset CreatedAt, DateTimeOffset? CancelledAt);

    private sealed record ReportRow(string InstanceId, long Id, DateTimeOffset ReportedAt, int ProgressPercent);
}

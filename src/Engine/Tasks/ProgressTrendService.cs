using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// Progress over time for the supervision dashboard: per week, the average progress of the caller's tasks, one series
/// per pillar or per plan. Weeks run Monday to Sunday in the engine's time zone (<see cref="EngineOptions.TimeZone"/>,
/// China Standard Time by default) and end with the current week of the injected <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// A task counts in a week when it was created before the week ended and not cancelled by then (a cancelled task's
/// last update is taken as its cancellation). Its progress at the end of the week is 100 when it was completed by
/// then, else the percentage of its latest progress report by then, else 0. Two queries do the work — the tasks'
/// few columns, then the reports in the window plus each task's latest one before it — and the rest is in memory
/// (a third fetches the plans' names when grouping by plan).
/// </remarks>
public sealed class ProgressTrendService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    TimeProvider time,
    IOptions<EngineOptions> options,
    Catalog? catalog = null)
{
    private readonly TimeZoneInfo _timeZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The trend of the caller's tasks (NDRC staff and auditors only: the dashboard is theirs).</summary>
    /// <exception cref="ForbiddenException">The caller does not see all agencies.</exception>
    /// <exception cref="RequestValidationException">
    /// <c>groupBy</c> is not pillar or plan, <c>weeks</c> is out of range, or <c>pillar</c> is not a catalog code
    /// (checked only when the catalog is loaded); every problem is named.
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
        tasks = (byPlan ? tasks.Where(t => t.PlanId != null) : tasks.Where(t => t.Pillar != null))
            .Where(t => t.CreatedAt < windowEnd && !(t.State == TaskState.Cancelled && t.UpdatedAt < windowStart));
        var rows = await tasks
            .Select(t => new TaskRow(t.Id, byPlan ? t.PlanId! : t.Pillar!, t.CreatedAt, t.CompletedAt, t.State == TaskState.Cancelled ? (DateTimeOffset?)t.UpdatedAt : null))
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new ProgressTrend(query.GroupBy, weeks, []);
        }

        // The reports in the window, and each task's latest report before it (the highest sequence: reports are appended
        // with the time of their appending, so sequence order is time order), as one UNION ALL.
        var ids = tasks.Select(t => t.Id);
        var inWindow = db.ProgressReports
            .Where(r => ids.Contains(r.TaskId) && r.ReportedAt >= windowStart && r.ReportedAt < windowEnd)
            .Select(r => new { r.TaskId, r.Sequence, r.ReportedAt, r.ProgressPercent });
        var latestBefore = db.ProgressReports
            .Where(r => ids.Contains(r.TaskId) && r.ReportedAt < windowStart)
            .GroupBy(r => r.TaskId)
            .Select(g => new { TaskId = g.Key, Sequence = g.Max(r => r.Sequence) })
            .Join(db.ProgressReports, l => new { l.TaskId, l.Sequence }, r => new { r.TaskId, r.Sequence }, (l, r) => new { r.TaskId, r.Sequence, r.ReportedAt, r.ProgressPercent });
        var reports = await inWindow.Concat(latestBefore).AsNoTracking()
            .Select(r => new ReportRow(r.TaskId, r.Sequence, r.ReportedAt, r.ProgressPercent))
            .ToListAsync(cancellationToken);

        var names = byPlan
            ? await PlanNamesAsync(db, rows, cancellationToken)
            : null;
        return new ProgressTrend(query.GroupBy, weeks, Compute(rows, reports, ends, byPlan, names));
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

    private static async Task<Dictionary<string, string>> PlanNamesAsync(WorkflowDbContext db, List<TaskRow> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Key).Distinct(StringComparer.Ordinal).ToList();
        return await db.Plans.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, StringComparer.Ordinal, cancellationToken);
    }

    private List<ProgressTrendSeries> Compute(List<TaskRow> rows, List<ReportRow> reports, DateTimeOffset[] ends, bool byPlan, Dictionary<string, string>? planNames)
    {
        // Per task and week, the latest report (highest sequence) made in that week; reports before the window land
        // in its first week. Carried forward week by week, that is the task's latest report by each week's end.
        var weeks = ends.Length;
        var taskIndex = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            taskIndex[rows[i].Id] = i;
        }

        var latestSequence = new int[rows.Count * weeks];
        var latestPercent = new int[rows.Count * weeks];
        foreach (var report in reports)
        {
            // A task made between the two queries has reports but no row: it is left for the next look.
            if (!taskIndex.TryGetValue(report.TaskId, out var index))
            {
                continue;
            }

            var cell = (index * weeks) + WeekOf(ends, report.ReportedAt);
            if (report.Sequence > latestSequence[cell])
            {
                latestSequence[cell] = report.Sequence;
                latestPercent[cell] = report.ProgressPercent;
            }
        }

        var seriesKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var sums = new Dictionary<string, (double[] Sum, int[] Count)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var task = rows[i];
            if (!seriesKeys.TryGetValue(task.Key, out var key))
            {
                key = byPlan ? task.Key : catalog?.FindPillarOrItem(task.Key)?.Pillar.Code ?? task.Key;
                seriesKeys[task.Key] = key;
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
                if (latestSequence[cell] > 0)
                {
                    progress = latestPercent[cell];
                }

                var end = ends[week];
                if (task.CreatedAt >= end || task.CancelledAt < end)
                {
                    continue;
                }

                series.Sum[week] += task.CompletedAt < end ? 100 : progress;
                series.Count[week]++;
            }
        }

        var pillarOrder = catalog?.Pillars.Select((p, i) => (p.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal) ?? [];
        return [.. sums
            .Where(s => s.Value.Count.Any(c => c > 0))
            .Select(s => Series(s.Key, s.Value.Sum, s.Value.Count, byPlan, planNames))
            .OrderBy(s => byPlan ? 0 : pillarOrder.GetValueOrDefault(s.Key, int.MaxValue))
            .ThenBy(s => s.NameZh, StringComparer.Ordinal)
            .ThenBy(s => s.Key, StringComparer.Ordinal)];
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
        double?[] average = [.. sum.Select((s, i) => count[i] == 0 ? (double?)null : Math.Round(s / count[i], 1, MidpointRounding.AwayFromZero))];
        if (byPlan)
        {
            var name = planNames?.GetValueOrDefault(key) ?? key;
            return new ProgressTrendSeries(key, name, name, average, count);
        }

        var pillar = catalog?.FindPillarOrItem(key)?.Pillar;
        return new ProgressTrendSeries(key, pillar?.NameZh ?? key, pillar?.NameEn ?? key, average, count);
    }

    private sealed record TaskRow(string Id, string Key, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt, DateTimeOffset? CancelledAt);

    private sealed record ReportRow(string TaskId, int Sequence, DateTimeOffset ReportedAt, int ProgressPercent);
}

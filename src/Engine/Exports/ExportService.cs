using System.Globalization;
using System.Runtime.CompilerServices;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Exports;

/// <summary>
/// The spreadsheets offices report in, for a <see cref="Caller"/>: the 台账 (ledger) of a plan or one of its pillars and
/// the 周报/月报 (weekly or monthly report) of an agency. Each is opened here — the caller, the plan or agency and the
/// parameters checked, so every refusal comes before the first byte — and its rows are read from the database as they
/// are written (<see cref="ExportWriter"/>). Names, never codes; times in the engine's time zone (China time); texts
/// in English for an English <see cref="CultureInfo"/>, else Chinese.
/// </summary>
/// <remarks>
/// Who may export: people who work in an agency (its staff and lead) and those who see every agency (NDRC planners,
/// supervisors, auditors); agency systems and administrators may not (403). A ledger holds the rows the caller sees in
/// the inbox (<see cref="TaskService.Visible"/>): a province its own, the NDRC all. An agency's report is its own
/// agency's, or any agency's for those who see every agency; another agency's is a 404 like a missing one.
/// </remarks>
public sealed class ExportService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    PlanService plans,
    DisplayNames names,
    TimeProvider time,
    IOptions<EngineOptions> engineOptions,
    AgencyDirectory? agencies = null,
    Catalog? catalog = null)
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm";
    private const string DayFormat = "yyyy-MM-dd";

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(engineOptions.Value.TimeZone);

    /// <summary>
    /// The ledger (台账) of a plan, optionally of one pillar (a pillar's catalog items count as the pillar): a row per
    /// agency's part of each key task the caller sees (a workflow instance's tasks of one agency), with its current step,
    /// due date, state, colour and the latest progress report of that part.
    /// </summary>
    /// <exception cref="ForbiddenException">The caller may not export.</exception>
    /// <exception cref="NotFoundException">No such plan.</exception>
    /// <exception cref="RequestValidationException">An unknown pillar, naming <c>pillar</c>.</exception>
    public async Task<ExportDocument> LedgerAsync(Caller caller, string planId, string? pillar, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        RequireExporter(caller);
        var plan = await plans.GetAsync(planId, cancellationToken);
        IReadOnlyList<string>? pillarCodes = null;
        if (!string.IsNullOrEmpty(pillar))
        {
            var found = catalog?.Pillars.FirstOrDefault(p => p.Code == pillar)
                ?? throw RequestValidationException.For("pillar", $"pillar must be one of the 14 pillars' codes; '{pillar}' is not");
            pillarCodes = [found.Code, .. found.Items.Select(i => i.Code)];
        }

        var keyTasks = (plan.Current?.Content.Tasks ?? []).ToDictionary(t => t.Key, StringComparer.Ordinal);
        var english = DisplayNames.IsEnglish(culture);
        var planName = names.Plan(planId, culture);
        var today = Today().ToString(DayFormat, CultureInfo.InvariantCulture);
        var pillarName = pillar is null ? "" : names.Pillar(pillar, culture);
        var fileName = english
            ? $"{planName} ledger{(pillar is null ? "" : $" ({pillarName})")} {today}"
            : $"{planName} 台账{(pillar is null ? "" : $"（{pillarName}）")} {today}";
        string[] headers = english
            ? ["Code", "Key task", "Pillar", "Responsible unit", "Lead unit", "Co-units", "Current step", "Due", "State", "Colour", "Progress (%)", "Latest progress", "Last reported"]
            : ["编号", "重点任务", "领域", "责任单位", "牵头单位", "协办单位", "当前环节", "截止时间", "状态", "颜色", "进度（%）", "最新进展", "最新报告时间"];
        return new ExportDocument(fileName, [new ExportTable(english ? "Ledger" : "台账", headers, LedgerRowsAsync(caller, planId, pillarCodes, keyTasks, culture, cancellationToken))]);
    }

    private async IAsyncEnumerable<object?[]> LedgerRowsAsync(
        Caller caller, string planId, IReadOnlyList<string>? pillarCodes, IReadOnlyDictionary<string, PlanTask> keyTasks, CultureInfo culture,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = TaskService.Visible(db.Tasks.AsNoTracking(), caller, null).Where(t => t.PlanId == planId);
        if (pillarCodes is not null)
        {
            tasks = tasks.Where(t => t.Pillar != null && pillarCodes.Contains(t.Pillar));
        }

        // A part's current step: the newest task of its instance and agency (a co-unit's contribution is its own part).
        // string.Compare runs in the database (EF Core translates it to SQL's own, binary, comparison), not in .NET.
#pragma warning disable CA1309
        var rows =
            from t in tasks
            where !db.Tasks.Any(x => x.InstanceId == t.InstanceId && x.AgencyCode == t.AgencyCode
                && (x.CreatedAt > t.CreatedAt || (x.CreatedAt == t.CreatedAt && string.Compare(x.Id, t.Id) > 0)))
            let latestId = (from r in db.ProgressReports
                            join x in db.Tasks on r.TaskId equals x.Id
                            where x.InstanceId == t.InstanceId && x.AgencyCode == t.AgencyCode
                            orderby r.ReportedAt descending, r.Id descending
                            select (long?)r.Id).FirstOrDefault()
            join r in db.ProgressReports on latestId equals (long?)r.Id into reports
            from r in reports.DefaultIfEmpty()
            orderby t.CorrelationId, t.AgencyCode, t.InstanceId
            select new
            {
                t.CorrelationId, t.Title, t.TitleEn, t.Pillar, t.AgencyCode, t.LeadAgencyCode, t.Kind, t.DueAt, t.State, t.Colour,
                Percent = r == null ? (int?)null : r.ProgressPercent,
                Done = r == null ? null : r.Done,
                ReportedAt = r == null ? (DateTimeOffset?)null : r.ReportedAt,
            };
#pragma warning restore CA1309

        var separator = DisplayNames.IsEnglish(culture) ? ", " : "、";
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var keyTask = PlanTaskCorrelation.TryParse(row.CorrelationId, out var correlation) ? keyTasks.GetValueOrDefault(correlation.TaskKey) : null;
            yield return
            [
                keyTask?.Code ?? "",
                keyTask is null ? DisplayNames.Pick(row.Title, row.TitleEn, culture) : DisplayNames.Pick(keyTask.Title, keyTask.TitleEn, culture),
                names.Pillar(row.Pillar ?? keyTask?.Pillar, culture),
                names.Agency(row.AgencyCode, culture),
                names.Agency(keyTask?.LeadAgency ?? row.LeadAgencyCode, culture),
                string.Join(separator, (keyTask?.CoAgencies ?? []).Select(a => names.Agency(a, culture))),
                DisplayNames.Kind(row.Kind, culture),
                Time(row.DueAt),
                DisplayNames.State(row.State, culture),
                DisplayNames.Colour(row.Colour, culture),
                row.Percent,
                row.Done ?? "",
                Time(row.ReportedAt),
            ];
        }
    }

    /// <summary>
    /// The 周报 or 月报 of an agency: every progress report on its tasks made in the week (Monday to Sunday) or month
    /// holding <paramref name="date"/> (China time), oldest first, with the task, reporter, time, percent and texts;
    /// then a summary: the reports, the tasks reported, their average progress (each task's latest report in the period)
    /// and the agency's overdue tasks (open, due before the period's end or now, whichever is earlier).
    /// </summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="agencyCode">The agency.</param>
    /// <param name="period"><c>week</c> (default) or <c>month</c>.</param>
    /// <param name="date">A day of the period, <c>yyyy-MM-dd</c> (default: today).</param>
    /// <param name="culture">The language of the headers and names.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <exception cref="ForbiddenException">The caller may not export.</exception>
    /// <exception cref="NotFoundException">No such agency, or another agency's for a caller who sees only its own.</exception>
    /// <exception cref="RequestValidationException">A bad <c>period</c> or <c>date</c>, naming it.</exception>
    public async Task<ExportDocument> AgencyReportAsync(
        Caller caller, string agencyCode, string? period, string? date, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        RequireExporter(caller);
        if ((agencies is not null && agencies.Find(agencyCode) is null) || (!caller.SeesAllAgencies && agencyCode != caller.AgencyCode))
        {
            throw new NotFoundException($"agency '{agencyCode}' does not exist");
        }

        var span = ReportPeriod.Parse(period, date, _zone, time.GetUtcNow());
        var english = DisplayNames.IsEnglish(culture);
        var agencyName = names.Agency(agencyCode, culture);
        var first = span.First.ToString(DayFormat, CultureInfo.InvariantCulture);
        var last = span.Last.ToString(DayFormat, CultureInfo.InvariantCulture);
        var fileName = english
            ? $"{agencyName} {(span.IsMonth ? "monthly" : "weekly")} report {first} to {last}"
            : $"{agencyName} {(span.IsMonth ? "月报" : "周报")} {first}至{last}";
        string[] headers = english
            ? ["Reported at", "Task", "Reported by", "Progress (%)", "Self-rated colour", "Confidence (0–10)", "Done", "Next", "Problems", "Support needed"]
            : ["上报时间", "任务", "上报人", "进度（%）", "自评颜色", "信心（0–10）", "已完成工作", "下一步计划", "存在问题", "需要的支持"];
        var tally = new ReportTally();
        var reports = new ExportTable(english ? "Reports" : "明细", headers, ReportRowsAsync(agencyCode, span, tally, culture, cancellationToken));
        var summary = new ExportTable(
            english ? "Summary" : "汇总",
            english ? ["Item", "Value"] : ["项目", "数值"],
            SummaryRowsAsync(agencyCode, agencyName, span, first, last, tally, english, cancellationToken));
        return new ExportDocument(fileName, [reports, summary]);
    }

    private async IAsyncEnumerable<object?[]> ReportRowsAsync(
        string agencyCode, ReportPeriod span, ReportTally tally, CultureInfo culture, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows =
            from r in db.ProgressReports.AsNoTracking()
            join t in db.Tasks.AsNoTracking() on r.TaskId equals t.Id
            where t.AgencyCode == agencyCode && r.ReportedAt >= span.Start && r.ReportedAt < span.End
            orderby r.ReportedAt, r.Id
            select new { r.TaskId, t.Title, t.TitleEn, r.ReportedBy, r.ReportedAt, r.ProgressPercent, r.SelfColour, r.Confidence, r.Done, r.Next, r.Problems, r.SupportNeeded };
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            tally.Add(row.TaskId, row.ProgressPercent);
            yield return
            [
                Time(row.ReportedAt),
                DisplayNames.Pick(row.Title, row.TitleEn, culture),
                names.User(row.ReportedBy, culture),
                row.ProgressPercent,
                DisplayNames.Colour(row.SelfColour, culture),
                row.Confidence,
                row.Done ?? "",
                row.Next ?? "",
                row.Problems ?? "",
                row.SupportNeeded ?? "",
            ];
        }
    }

    private async IAsyncEnumerable<object?[]> SummaryRowsAsync(
        string agencyCode, string agencyName, ReportPeriod span, string first, string last, ReportTally tally, bool english,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = span.End < now ? span.End : now;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var overdue = await db.Tasks.AsNoTracking().CountAsync(
            t => t.AgencyCode == agencyCode && (t.State == TaskState.Open || t.State == TaskState.Claimed) && t.DueAt != null && t.DueAt < cutoff,
            cancellationToken);
        yield return [english ? "Agency" : "单位", agencyName];
        yield return [english ? "Period" : "统计周期", english ? $"{first} to {last}" : $"{first}至{last}"];
        yield return [english ? "Reports" : "报告数", tally.Reports];
        yield return [english ? "Tasks reported" : "上报任务数", tally.Tasks];
        yield return [english ? "Average progress (%)" : "平均进度（%）", tally.AverageProgress];
        yield return [english ? "Overdue tasks" : "逾期任务数", overdue];
    }

    /// <summary>
    /// Whether the caller may export: a person (not an agency system) who works in an agency or sees every agency (not
    /// an administrator). Pages ask it to show the export buttons; the exports refuse everyone else.
    /// </summary>
    public static bool MayExport(Caller caller) => !caller.IsSystem && (caller.SeesAllAgencies || caller.IsAgencyMember);

    /// <summary>
    /// The agency whose 周报/月报 the caller's inbox offers: the one shown (<paramref name="shownAgency"/>) for those who see
    /// every agency, the own agency for its members; null when there is none to offer.
    /// </summary>
    public static string? ReportAgency(Caller caller, string? shownAgency) =>
        !MayExport(caller) ? null
        : caller.SeesAllAgencies ? (string.IsNullOrEmpty(shownAgency) ? null : shownAgency)
        : caller.AgencyCode;

    /// <summary>Refuses whom <see cref="MayExport"/> refuses.</summary>
    private static void RequireExporter(Caller caller)
    {
        caller.RequirePerson("export ledgers or reports");
        if (!MayExport(caller))
        {
            throw new ForbiddenException("ledgers and reports are exported by agency staff and leads, NDRC staff and auditors");
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), _zone).DateTime);

    private string Time(DateTimeOffset? value) =>
        value is { } instant ? TimeZoneInfo.ConvertTime(instant, _zone).ToString(TimeFormat, CultureInfo.InvariantCulture) : "";

    /// <summary>What the summary adds up while the report rows stream by: the reports, and each task's latest percent.</summary>
    private sealed class ReportTally
    {
        private readonly Dictionary<string, int> _latest = new(StringComparer.Ordinal);

        public int Reports { get; private set; }

        public int Tasks => _latest.Count;

        /// <summary>The mean of each reported task's latest percent, one decimal; null without reports.</summary>
        public double? AverageProgress => _latest.Count == 0 ? null : Math.Round(_latest.Values.Average(), 1);

        public void Add(string taskId, int percent)
        {
            Reports++;
            _latest[taskId] = percent;
        }
    }
}

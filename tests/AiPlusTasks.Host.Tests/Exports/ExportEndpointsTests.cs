using System.Globalization;
using System.Net;
using System.Text;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace AiPlusTasks.Host.Tests.Exports;

/// <summary>
/// <c>GET /api/plans/{planId}/ledger.{format}</c> and <c>GET /api/agencies/{code}/reports.{format}</c>: the files read
/// back with MiniExcel hold exactly what the database holds — every row and column, names instead of codes, China time.
/// </summary>
public sealed class ExportEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string PlanId = "ai-plus-2025-2027";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Fact]
    public async Task Ledger_XlsxAsPlanner_EqualsTheDatabaseRowByRow()
    {
        // Arrange
        var mine = await ArrangeAsync();

        // Act
        using var response = await factory.CreateClientFor().GetAsync(new Uri($"/api/plans/{PlanId}/ledger.xlsx", UriKind.Relative));
        var rows = await ReadXlsxAsync(response, "台账");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LedgerHeadersZh, rows.Headers);
        Assert.Equal(await ExpectedLedgerAsync(agency: null), rows.Values);
        AssertArrangedRows(rows.Values, mine);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.StartsWith("人工智能+", disposition.FileNameStar, StringComparison.Ordinal);
        Assert.EndsWith("台账 2026-12-15.xlsx", disposition.FileNameStar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ledger_CsvAsProvince_HoldsOnlyItsOwnRowsWithABom()
    {
        // Arrange
        var mine = await ArrangeAsync();

        // Act
        using var response = await factory.CreateClientFor("guangdong.staff").GetAsync(new Uri($"/api/plans/{PlanId}/ledger.csv", UriKind.Relative));
        var (bom, blocks) = await ReadCsvAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(bom, "a CSV file starts with UTF-8's byte-order mark");
        Assert.Equal(LedgerHeadersZh, blocks[0].Headers);
        var expected = await ExpectedLedgerAsync(agency: "guangdong");
        Assert.Equal(expected, blocks[0].Values);
        Assert.All(blocks[0].Values, r => Assert.Equal("广东省", r[3]));
        Assert.Contains(blocks[0].Values, r => r[1] == mine.GuangdongTitle);
    }

    [Fact]
    public async Task Ledger_English_HasEnglishHeadersAndNames()
    {
        // Arrange
        var mine = await ArrangeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/plans/{PlanId}/ledger.xlsx", UriKind.Relative));
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,zh;q=0.5");

        // Act
        using var response = await factory.CreateClientFor().SendAsync(request);
        var rows = await ReadXlsxAsync(response, "Ledger");

        // Assert
        Assert.Equal("Code", rows.Headers[0]);
        Assert.Equal(await ExpectedLedgerAsync(agency: null, CultureInfo.GetCultureInfo("en")), rows.Values);
        Assert.Contains(rows.Values, r => r[1] == mine.GuangdongTitleEn && r[3] == "Guangdong Province" && r[6] == "Progress report" && r[8] == "Open");
    }

    [Fact]
    public async Task Ledger_OnePillar_KeepsThatPillarsRows()
    {
        // Arrange: the pillar of the arranged tasks (the plan's first key task's), with its catalog items.
        var mine = await ArrangeAsync();
        var pillar = factory.Services.GetRequiredService<Catalog>().Pillars
            .First(p => p.Code == mine.KeyTask.Pillar || p.Items.Any(i => i.Code == mine.KeyTask.Pillar));
        string[] codes = [pillar.Code, .. pillar.Items.Select(i => i.Code)];

        // Act
        using var response = await factory.CreateClientFor().GetAsync(new Uri($"/api/plans/{PlanId}/ledger.xlsx?pillar={pillar.Code}", UriKind.Relative));
        var rows = await ReadXlsxAsync(response, "台账");

        // Assert
        Assert.Contains(rows.Values, r => r[1] == mine.GuangdongTitle);
        Assert.Equal(await ExpectedLedgerAsync(agency: null, pillars: codes), rows.Values);
        Assert.DoesNotContain(rows.Values, r => r[1] == mine.GuangdongTitle && r[6] == "任务");
    }

    [Fact]
    public async Task AgencyReport_WeekAsXlsx_EqualsTheDatabaseWithASummary()
    {
        // Arrange
        await ArrangeAsync();

        // Act: the week of Monday 2026-12-14 to Sunday 2026-12-20, China time.
        using var response = await factory.CreateClientFor("guangdong.lead").GetAsync(new Uri("/api/agencies/guangdong/reports.xlsx?period=week&date=2026-12-16", UriKind.Relative));
        var details = await ReadXlsxAsync(response, "明细", keep: true);
        var summary = await ReadXlsxAsync(response, "汇总");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (rows, expectedSummary) = await ExpectedReportAsync("guangdong", new DateTimeOffset(2026, 12, 14, 0, 0, 0, China), new DateTimeOffset(2026, 12, 21, 0, 0, 0, China));
        Assert.Equal(rows, details.Values);
        Assert.Contains(details.Values, r => r[0] == "2026-12-14 00:30");
        Assert.DoesNotContain(details.Values, r => r[0] == "2026-12-13 23:30");
        Assert.Equal(expectedSummary, summary.Values);
        Assert.Equal(["单位", "广东省"], summary.Values[0]);
        Assert.Equal(["统计周期", "2026-12-14至2026-12-20"], summary.Values[1]);
        Assert.EndsWith("广东省 周报 2026-12-14至2026-12-20.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgencyReport_MonthAsCsvForNdrc_EqualsTheDatabaseWithASummary()
    {
        // Arrange
        await ArrangeAsync();

        // Act
        using var response = await factory.CreateClientFor("ndrc.supervisor").GetAsync(new Uri("/api/agencies/guangdong/reports.csv?period=month&date=2026-12-01", UriKind.Relative));
        var (bom, blocks) = await ReadCsvAsync(response);

        // Assert
        Assert.True(bom);
        var (rows, expectedSummary) = await ExpectedReportAsync("guangdong", new DateTimeOffset(2026, 12, 1, 0, 0, 0, China), new DateTimeOffset(2027, 1, 1, 0, 0, 0, China));
        Assert.Equal(ReportHeadersZh, blocks[0].Headers);
        Assert.Equal(rows, blocks[0].Values);
        Assert.Contains(blocks[0].Values, r => r[0] == "2026-12-13 23:30");
        Assert.Equal(["项目", "数值"], blocks[1].Headers);
        Assert.Equal(expectedSummary, blocks[1].Values);
    }

    [Theory]
    [InlineData("guangdong.staff", "/api/agencies/hubei/reports.xlsx")]
    [InlineData("guangdong.staff", "/api/agencies/no-such-agency/reports.xlsx")]
    [InlineData("guangdong.lead", "/api/agencies/hubei/reports.csv?period=month")]
    [InlineData("ndrc.planner", "/api/agencies/no-such-agency/reports.csv")]
    [InlineData("ndrc.planner", "/api/plans/no-such-plan/ledger.xlsx")]
    public async Task Export_AnotherAgencysOrMissing_NotFound(string user, string path)
    {
        using var response = await factory.CreateClientFor(user).GetAsync(new Uri(path, UriKind.Relative));

        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("ndrc.admin", "/api/agencies/ndrc/reports.xlsx")]
    [InlineData("ndrc.admin", $"/api/plans/{PlanId}/ledger.xlsx")]
    public async Task Export_Administrator_Forbidden(string user, string path)
    {
        using var response = await factory.CreateClientFor(user).GetAsync(new Uri(path, UriKind.Relative));

        await response.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/api/agencies/guangdong/reports.xlsx?period=year", "period")]
    [InlineData("/api/agencies/guangdong/reports.xlsx?period=week&date=2026-13-01", "date")]
    [InlineData("/api/agencies/guangdong/reports.csv?date=16.12.2026", "date")]
    [InlineData("/api/agencies/guangdong/reports.pdf", "format")]
    [InlineData($"/api/plans/{PlanId}/ledger.xlsx?pillar=no.such.pillar", "pillar")]
    [InlineData($"/api/plans/{PlanId}/ledger.xls", "format")]
    [InlineData($"/api/plans/{PlanId}/ledger.csv?lang=fr", "lang")]
    public async Task Export_BadInput_BadRequestNamingTheField(string path, string field)
    {
        using var response = await factory.CreateClientFor("guangdong.staff").GetAsync(new Uri(path, UriKind.Relative));

        var problem = await response.ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.ErrorKeys());
    }

    private static readonly string[] LedgerHeadersZh =
        ["编号", "重点任务", "领域", "责任单位", "牵头单位", "协办单位", "当前环节", "截止时间", "状态", "颜色", "进度（%）", "最新进展", "最新报告时间"];

    private static readonly string[] ReportHeadersZh =
        ["上报时间", "任务", "上报人", "进度（%）", "自评颜色", "信心（0–10）", "已完成工作", "下一步计划", "存在问题", "需要的支持"];

    /// <summary>What <see cref="ArrangeAsync"/> made that the assertions look for.</summary>
    private sealed record Arranged(string GuangdongTitle, string GuangdongTitleEn, PlanTask KeyTask);

    /// <summary>
    /// Adds, for the plan: guangdong's part of a task of no key (a refine step done, then a report step open, with two
    /// reports), hubei's part of the plan's first key task (one report), and guangdong's overdue open task; reports on
    /// both sides of the week's start in China time (Sunday 23:30 and Monday 00:30).
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var plan = await factory.Services.GetRequiredService<PlanService>().GetAsync(PlanId);
        var keyTask = plan.Current!.Content.Tasks[0];
        var otherPillar = factory.Services.GetRequiredService<Catalog>().Pillars
            .First(p => p.Code != keyTask.Pillar && p.Items.All(i => i.Code != keyTask.Pillar)).Code;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var title = $"导出测试任务 {suffix}";
        var created = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        TaskRecord Task(string id, string instance, string agency, string kind, string correlation, TaskState state, DateTimeOffset? due, int minutes, string? pillar = null) => new()
        {
            Id = $"{id}-{suffix}", InstanceId = $"{instance}-{suffix}", DefinitionId = "province-task", ActivityId = kind + "1", BookmarkId = $"bm-{id}-{suffix}",
            CorrelationId = correlation, Title = title, TitleEn = $"Export test task {suffix}", Kind = kind, AgencyCode = agency, State = state,
            Colour = state == TaskState.Open && due < factory.Time.GetUtcNow() ? TaskColour.Red : TaskColour.Green, Pillar = pillar ?? keyTask.Pillar, PlanId = PlanId,
            LeadAgencyCode = agency, DueAt = due, Outcomes = "[\"Submitted\"]", CreatedAt = created.AddMinutes(minutes), UpdatedAt = created.AddMinutes(minutes),
        };
        ProgressReportRecord Report(string taskId, int sequence, DateTimeOffset at, int percent, string done) => new()
        {
            TaskId = $"{taskId}-{suffix}", Sequence = sequence, ReportedBy = "guangdong.staff", ReportedAt = at, ProgressPercent = percent, Done = done,
            Next = "下一步：推进试点", Problems = "数据共享不足", SupportNeeded = "协调算力资源", SelfColour = TaskColour.Blue, Confidence = 7,
        };

        var noKey = $"{PlanId}:export-{suffix}:guangdong";
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        db.Tasks.AddRange(
            Task("refine", "gd", "guangdong", StepKinds.Task, noKey, TaskState.Completed, null, 0),
            Task("report", "gd", "guangdong", StepKinds.Report, noKey, TaskState.Open, new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero), 5),
            Task("overdue", "gd2", "guangdong", StepKinds.Task, $"{PlanId}:export2-{suffix}:guangdong", TaskState.Open, new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero), 1, otherPillar),
            Task("hubei", "hb", "hubei", StepKinds.Report, $"{PlanId}:{keyTask.Key}:hubei", TaskState.Claimed, new DateTimeOffset(2027, 3, 31, 15, 59, 0, TimeSpan.Zero), 2));
        db.ProgressReports.AddRange(
            Report("report", 1, new DateTimeOffset(2026, 12, 13, 15, 30, 0, TimeSpan.Zero), 40, "完成了第一阶段"),
            Report("report", 2, new DateTimeOffset(2026, 12, 13, 16, 30, 0, TimeSpan.Zero), 60, "完成了第二阶段，含逗号,和\"引号\""),
            Report("hubei", 1, new DateTimeOffset(2026, 12, 14, 2, 30, 0, TimeSpan.Zero), 25, "湖北启动"));
        await db.SaveChangesAsync();
        return new Arranged(title, $"Export test task {suffix}", keyTask);
    }

    private static void AssertArrangedRows(IReadOnlyList<string[]> rows, Arranged mine)
    {
        var guangdong = Assert.Single(rows, r => r[1] == mine.GuangdongTitle && r[6] == "进度填报");
        Assert.Equal(["", mine.GuangdongTitle, "广东省", "待办", "2027-02-01 00:00", "60", "2026-12-14 00:30"], new[] { guangdong[0], guangdong[1], guangdong[3], guangdong[8], guangdong[7], guangdong[10], guangdong[12] });
        Assert.Equal("完成了第二阶段，含逗号,和\"引号\"", guangdong[11]);
        Assert.Contains(rows, r => r[0] == mine.KeyTask.Code && r[1] == mine.KeyTask.Title && r[3] == "湖北省" && r[7] == "2027-03-31 23:59"
            && r[8] == "办理中" && r[10] == "25" && r[11] == "湖北启动" && r[12] == "2026-12-14 10:30");
    }

    /// <summary>The ledger as the database holds it: each agency's part of each instance, its newest task and its newest report.</summary>
    private async Task<List<string[]>> ExpectedLedgerAsync(string? agency, CultureInfo? culture = null, string[]? pillars = null)
    {
        culture ??= CultureInfo.GetCultureInfo("zh-CN");
        var names = factory.Services.GetRequiredService<DisplayNames>();
        var keyTasks = (await factory.Services.GetRequiredService<PlanService>().GetAsync(PlanId)).Current!.Content.Tasks.ToDictionary(t => t.Key);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var tasks = (await db.Tasks.AsNoTracking().Where(t => t.PlanId == PlanId && (agency == null || t.AgencyCode == agency)).ToListAsync())
            .Where(t => pillars is null || pillars.Contains(t.Pillar)).ToList();
        var reports = await db.ProgressReports.AsNoTracking().ToListAsync();
        return [.. tasks
            .GroupBy(t => (t.InstanceId, t.AgencyCode))
            .Select(part =>
            {
                var current = part.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id, StringComparer.Ordinal).First();
                var ids = part.Select(t => t.Id).ToHashSet();
                var latest = reports.Where(r => ids.Contains(r.TaskId)).OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id).FirstOrDefault();
                var key = PlanTaskCorrelation.TryParse(current.CorrelationId, out var c) ? keyTasks.GetValueOrDefault(c.TaskKey) : null;
                return (current, Row: new[]
                {
                    key?.Code ?? "",
                    key is null ? DisplayNames.Pick(current.Title, current.TitleEn, culture) : DisplayNames.Pick(key.Title, key.TitleEn, culture),
                    names.Pillar(current.Pillar, culture),
                    names.Agency(current.AgencyCode, culture),
                    names.Agency(key?.LeadAgency ?? current.LeadAgencyCode, culture),
                    string.Join(DisplayNames.IsEnglish(culture) ? ", " : "、", (key?.CoAgencies ?? []).Select(a => names.Agency(a, culture))),
                    DisplayNames.Kind(current.Kind, culture),
                    ChinaTime(current.DueAt),
                    DisplayNames.State(current.State, culture),
                    DisplayNames.Colour(current.Colour, culture),
                    latest?.ProgressPercent.ToString(CultureInfo.InvariantCulture) ?? "",
                    latest?.Done ?? "",
                    ChinaTime(latest?.ReportedAt),
                });
            })
            .OrderBy(p => p.current.CorrelationId, StringComparer.Ordinal).ThenBy(p => p.current.AgencyCode, StringComparer.Ordinal)
            .ThenBy(p => p.current.InstanceId, StringComparer.Ordinal)
            .Select(p => p.Row)];
    }

    /// <summary>An agency's reports in [start, end) as the database holds them, and the summary they add up to.</summary>
    private async Task<(List<string[]> Rows, List<string[]> Summary)> ExpectedReportAsync(string agency, DateTimeOffset start, DateTimeOffset end)
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");
        var names = factory.Services.GetRequiredService<DisplayNames>();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.AgencyCode == agency).ToListAsync();
        var byId = tasks.ToDictionary(t => t.Id);
        var reports = (await db.ProgressReports.AsNoTracking().ToListAsync())
            .Where(r => byId.ContainsKey(r.TaskId) && r.ReportedAt >= start && r.ReportedAt < end)
            .OrderBy(r => r.ReportedAt).ThenBy(r => r.Id).ToList();
        var rows = reports.Select(r => new[]
        {
            ChinaTime(r.ReportedAt), byId[r.TaskId].Title, names.User(r.ReportedBy, zh), r.ProgressPercent.ToString(CultureInfo.InvariantCulture),
            DisplayNames.Colour(r.SelfColour, zh), r.Confidence.ToString(CultureInfo.InvariantCulture), r.Done ?? "", r.Next ?? "", r.Problems ?? "", r.SupportNeeded ?? "",
        }).ToList();
        var latest = reports.GroupBy(r => r.TaskId).Select(g => g.Last().ProgressPercent).ToList();
        var now = factory.Time.GetUtcNow();
        var cutoff = end < now ? end : now;
        var overdue = tasks.Count(t => (t.State is TaskState.Open or TaskState.Claimed) && t.DueAt < cutoff);
        var first = start.ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = end.ToOffset(China).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        List<string[]> summary =
        [
            ["单位", names.Agency(agency, zh)],
            ["统计周期", $"{first}至{last}"],
            ["报告数", reports.Count.ToString(CultureInfo.InvariantCulture)],
            ["上报任务数", latest.Count.ToString(CultureInfo.InvariantCulture)],
            ["平均进度（%）", latest.Count == 0 ? "" : Math.Round(latest.Average(), 1).ToString(CultureInfo.InvariantCulture)],
            ["逾期任务数", overdue.ToString(CultureInfo.InvariantCulture)],
        ];
        return (rows, summary);
    }

    private static string ChinaTime(DateTimeOffset? value) =>
        value is { } v ? v.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    private sealed record Table(string[] Headers, List<string[]> Values);

    private readonly Dictionary<HttpResponseMessage, byte[]> _bodies = [];

    /// <summary>A sheet of the response's workbook read back with MiniExcel, every cell as text.</summary>
    private async Task<Table> ReadXlsxAsync(HttpResponseMessage response, string sheet, bool keep = false)
    {
        if (!_bodies.TryGetValue(response, out var body))
        {
            body = await response.Content.ReadAsByteArrayAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        }

        if (keep)
        {
            _bodies[response] = body;
        }

        using var stream = new MemoryStream(body);
        var headers = MiniExcel.GetColumns(stream, useHeaderRow: false, sheetName: sheet).ToArray();
        stream.Position = 0;
        var all = MiniExcel.Query(stream, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => headers.Select(h => Text(r[h])).ToArray()).ToList();
        return new Table(all[0], all.Skip(1).ToList());
    }

    /// <summary>The response's CSV file: whether it starts with a BOM, and its tables (split at empty lines) read back with MiniExcel.</summary>
    private static async Task<(bool Bom, List<Table> Tables)> ReadCsvAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bom = body.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        var text = Encoding.UTF8.GetString(body.AsSpan(bom ? 3 : 0));
        var tables = new List<Table>();
        foreach (var block in text.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(block));
            var all = MiniExcel.Query(stream, excelType: ExcelType.CSV).Cast<IDictionary<string, object?>>().Select(r => r.Values.Select(Text).ToArray()).ToList();
            tables.Add(new Table(all[0], all.Skip(1).ToList()));
        }

        return (bom, tables);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}

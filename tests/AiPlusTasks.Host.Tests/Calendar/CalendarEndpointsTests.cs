using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AiPlusTasks.Host.Tests.Calendar;

/// <summary>
/// The working calendar's routes on the shipped year files (2025, 2026; the host's clock stands in December 2026, so
/// 2027 has no data). Corrections here are made to 2028, 2029 and 2030, so the other tests see the files as shipped.
/// </summary>
public sealed class CalendarEndpointsTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static object Day(string date, string kind, string nameZh = "春节", string nameEn = "Spring Festival") => new { date, kind, nameZh, nameEn };

    [Fact]
    public async Task AddWorkingDays_AcrossNationalDay2026_Is20261016()
    {
        // Act: an agency user, not NDRC, reads it too.
        var answer = await factory.CreateClientFor("guangdong.staff").GetJsonAsync("/api/calendar/add-working-days?from=2026-09-28&days=10");

        // Assert
        Assert.Equal(("2026-09-28", 10, "2026-10-16"), (answer["from"].Str(), answer["days"].Int(), answer["date"].Str()));
        Assert.Empty(answer["yearsWithoutData"]!.AsArray());
    }

    [Fact]
    public async Task AddWorkingDays_FromThursdayBeforeSpringFestival_CountsMakeUpSaturdayAndSkipsHoliday()
    {
        // Thursday 2026-02-12: Fri 13, Sat 14 (make-up), the holiday 15..23, then Tue 24, Wed 25, Thu 26: 5 working days.
        var answer = await factory.CreateClientFor("miit.staff").GetJsonAsync("/api/calendar/add-working-days?from=2026-02-12&days=5");

        Assert.Equal("2026-02-26", answer["date"].Str());
    }

    [Fact]
    public async Task AddWorkingDays_Into2027WithoutData_CountsMondayToFridayAndSaysSo()
    {
        // Fri 2027-02-05 + 5: Mon 8 .. Fri 12 (the Spring Festival of 2027 is not known yet).
        var answer = await factory.CreateClientFor("ndrc.supervisor").GetJsonAsync("/api/calendar/add-working-days?from=2027-02-05&days=5");

        Assert.Equal("2027-02-12", answer["date"].Str());
        Assert.Equal([2027], answer["yearsWithoutData"]!.AsArray().Select(y => y.Int()));
    }

    [Fact]
    public async Task CountWorkingDays_AcrossNationalDay2026_Is10()
    {
        var answer = await factory.CreateClientFor("guangdong.staff").GetJsonAsync("/api/calendar/working-days?from=2026-09-28&to=2026-10-16");

        Assert.Equal(10, answer["days"].Int());
    }

    [Theory]
    [InlineData("/api/calendar/add-working-days?from=2026-13-01&days=10", "from")]
    [InlineData("/api/calendar/add-working-days?days=10", "from")]
    [InlineData("/api/calendar/add-working-days?from=2026-09-28&days=ten", "days")]
    [InlineData("/api/calendar/add-working-days?from=2026-09-28&days=10001", "days")]
    [InlineData("/api/calendar/add-working-days?from=2026-09-28", "days")]
    [InlineData("/api/calendar/working-days?from=2026-09-28&to=28.10.2026", "to")]
    [InlineData("/api/calendar/1999", "year")]
    public async Task CalendarRoutes_BadInput_Return400NamingTheField(string path, string field)
    {
        var problem = await (await factory.CreateClientFor("guangdong.staff").GetRawAsync(path)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task GetYear_2026_ListsTheNoticeAndEveryDayFromTheFile()
    {
        var year = await factory.CreateClientFor("guangdong.staff").GetJsonAsync("/api/calendar/2026");

        Assert.True(year["hasOfficialData"]!.GetValue<bool>());
        Assert.Equal("File", year["source"].Str());
        Assert.Equal("国务院办公厅关于2026年部分节假日安排的通知", year["notice"]!["title"].Str());
        var days = year["days"]!.AsArray();
        Assert.Contains(days, d => d!["date"].Str() == "2026-02-14" && d["kind"].Str() == "MakeUpWorkday" && d["nameZh"].Str() == "春节调休上班");
        Assert.Contains(days, d => d!["date"].Str() == "2026-02-16" && d["kind"].Str() == "Holiday" && d["nameEn"].Str() == "Spring Festival");
        Assert.Null(year["revision"]);
    }

    [Fact]
    public async Task GetYear_2027WithoutData_SaysSoWithNoDays()
    {
        var year = await factory.CreateClientFor("guangdong.staff").GetJsonAsync("/api/calendar/2027");

        Assert.False(year["hasOfficialData"]!.GetValue<bool>());
        Assert.Equal("None", year["source"].Str());
        Assert.Empty(year["days"]!.AsArray());
    }

    [Fact]
    public async Task GetYear_WithAnApiKey_IsReadable()
    {
        var (key, _) = await factory.CreateClientFor("guangdong.lead").CreateApiKeyAsync($"cal-{Guid.NewGuid():N}"[..20]);

        var year = await factory.CreateClientWithKey(key).GetJsonAsync("/api/calendar/2026");

        Assert.Equal(2026, year["year"].Int());
    }

    [Fact]
    public async Task Revise_BySupervisor_IsNumberedInForceAtOnceAuditedAndMovesTheQuartzCalendar()
    {
        // Arrange: 2028's Spring Festival (26 January) — a make-up Sunday before it, the holiday over a weekday week.
        var supervisor = factory.CreateClientFor("ndrc.supervisor");
        object[] days =
        [
            Day("2028-01-23", "makeUpWorkday", "春节调休上班", "Make-up working day (Spring Festival)"),
            Day("2028-01-25", "holiday"), Day("2028-01-26", "holiday"), Day("2028-01-27", "holiday"),
        ];

        // Act
        var first = await (await supervisor.PostAsJsonAsync("/api/calendar/2028/revisions", new { days, reason = "预先录入春节安排" })).ExpectAsync(HttpStatusCode.OK);
        var second = await (await supervisor.PostAsJsonAsync("/api/calendar/2028/revisions", new
        {
            days = days.Append(Day("2028-01-28", "holiday")).ToArray(),
            notice = new { title = "国务院办公厅关于2028年部分节假日安排的通知", published = "2027-11-01" },
            reason = "按通知补充 1 月 28 日",
        })).ExpectAsync(HttpStatusCode.OK);

        // Assert: numbered, with who and why; the latest in force for reads and for arithmetic on this node.
        Assert.Equal((1, 2), (first["revision"]!["number"].Int(), second["revision"]!["number"].Int()));
        var year = await factory.CreateClientFor("miit.staff").GetJsonAsync("/api/calendar/2028");
        Assert.Equal(("Revision", 2, "ndrc.supervisor", "按通知补充 1 月 28 日"), (year["source"].Str(), year["revision"]!["number"].Int(), year["revision"]!["revisedBy"].Str(), year["revision"]!["reason"].Str()));
        Assert.Equal(5, year["days"]!.AsArray().Count);
        var revisions = (await supervisor.GetJsonAsync("/api/calendar/2028/revisions")).AsArray();
        Assert.Equal([2, 1], revisions.Select(r => r!["number"].Int()));
        // Fri 2028-01-21 + 2 working days: Sun 23 (make-up), Mon 24; + 3 skips 25..28 and lands on Mon 31.
        Assert.Equal("2028-01-24", (await supervisor.GetJsonAsync("/api/calendar/add-working-days?from=2028-01-21&days=2"))["date"].Str());
        Assert.Equal("2028-01-31", (await supervisor.GetJsonAsync("/api/calendar/add-working-days?from=2028-01-21&days=3"))["date"].Str());

        var audit = await factory.Services.GetRequiredService<AuditTrail>().ListAsync(new AuditQuery(Action: CalendarRevisionService.AuditAction, Target: "calendar:2028"));
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal("ndrc.supervisor", a.Actor));

        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.TrueAsync(
            async () => (await scheduler.GetCalendar(WorkingCalendar.QuartzCalendarName))?.IsTimeIncluded(new DateTimeOffset(2028, 1, 23, 9, 0, 0, TimeSpan.FromHours(8))) == true,
            "the scheduler's working-day calendar includes the make-up Sunday 2028-01-23",
            TimeSpan.FromSeconds(10));
        var calendar = (await scheduler.GetCalendar(WorkingCalendar.QuartzCalendarName))!;
        Assert.False(calendar.IsTimeIncluded(new DateTimeOffset(2028, 1, 28, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    [Theory]
    [InlineData("ndrc.planner")]
    [InlineData("ndrc.auditor")]
    [InlineData("guangdong.lead")]
    public async Task Revise_NotAnNdrcSupervisor_Returns403AndStoresNothing(string username)
    {
        var response = await factory.CreateClientFor(username).PostAsJsonAsync("/api/calendar/2029/revisions", new { days = new[] { Day("2029-02-12", "holiday") }, reason = "test" });

        await response.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await factory.CreateClientFor("ndrc.supervisor").GetJsonAsync("/api/calendar/2029/revisions")).AsArray());
    }

    [Fact]
    public async Task Revise_BadDays_Returns400NamingEachFieldAndStoresNothing()
    {
        // Arrange: [0] fine, [1] a make-up working day on a Wednesday, [2] a date of another year, [3] a duplicate of [0],
        // [4] not a date, [5] an unknown kind with no English name; and no reason.
        object[] days =
        [
            Day("2029-02-12", "holiday"),
            Day("2029-02-14", "makeUpWorkday"),
            Day("2030-02-01", "holiday"),
            Day("2029-02-12", "holiday"),
            Day("2029-02-30", "holiday"),
            new { date = "2029-02-13", kind = "vacation", nameZh = "春节" },
        ];

        // Act
        var problem = await (await factory.CreateClientFor("ndrc.supervisor").PostAsJsonAsync("/api/calendar/2029/revisions", new { days, reason = " " }))
            .ExpectAsync(HttpStatusCode.BadRequest);

        // Assert
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(
            ["days[1].kind", "days[2].date", "days[3].date", "days[4].date", "days[5].kind", "days[5].nameEn", "reason"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("days[0]", errors["days[3].date"]![0].Str(), StringComparison.Ordinal);
        Assert.Empty((await factory.CreateClientFor("ndrc.supervisor").GetJsonAsync("/api/calendar/2029/revisions")).AsArray());
        Assert.False(factory.Services.GetRequiredService<WorkingCalendar>().Current.HasYear(2029));
    }

    [Fact]
    public async Task ARevisionOnAnotherNode_IsPickedUpWithinTheRefreshInterval()
    {
        // Arrange: "another node" is this one's refresh loop with the table changed behind its back, as a second Host on
        // the same database changes it (the service of another process records the row; here the row is written directly).
        var calendar = factory.Services.GetRequiredService<WorkingCalendar>();
        var date = new DateOnly(2030, 10, 1);
        Assert.True(calendar.Current.IsWorkingDay(date));
        await using (var db = await factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Engine.Persistence.WorkflowDbContext>>().CreateDbContextAsync())
        {
            db.CalendarRevisions.Add(new Engine.Persistence.Records.CalendarRevisionRecord
            {
                Year = 2030, Number = 1, Reason = "another node", RevisedBy = "ndrc.supervisor", RevisedAt = factory.Time.GetUtcNow(),
                Days = """[{"date":"2030-10-01","kind":"holiday","nameZh":"国庆节","nameEn":"National Day"}]""",
            });
            await db.SaveChangesAsync();
        }

        // Act: the refresh interval (30 s) passes on the host's clock.
        await Task.Delay(200);
        factory.Time.Advance(TimeSpan.FromSeconds(31));

        // Assert
        await Eventually.TrueAsync(() => Task.FromResult(!calendar.Current.IsWorkingDay(date)), "2030-10-01 is a holiday on this node", TimeSpan.FromSeconds(10));
        Assert.True(calendar.Current.HasYear(2030));
        Assert.Equal(new DateOnly(2030, 10, 2), calendar.Current.AddWorkingDays(new DateOnly(2030, 9, 27), 2));
    }
}

using System.Globalization;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AiPlusTasks.Host.Tests.Notifications;

/// <summary>
/// 每日待办 at 09:00 China time on working days only: its trigger, on a working-day Quartz calendar, fires on the 调休
/// Saturday 2026-02-14 and not on the Spring Festival holiday; the digest runs for a working Saturday and does nothing
/// on a holiday Monday (2026-02-16), and once per person and day.
/// </summary>
public sealed class DailyDigestTests(SpringFestivalHostFactory factory) : IClassFixture<SpringFestivalHostFactory>
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly HttpClient _planner = factory.CreateClientFor();
    private readonly HttpClient _staff = factory.CreateClientFor("anhui.staff");

    [Fact]
    public async Task Trigger_OnTheWorkingDayCalendar_FiresAt0900OnWorkingDaysIncludingTheMakeUpSaturday()
    {
        // Arrange: the Quartz calendar the Host registered, and the digest's trigger on it.
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var calendar = await scheduler.GetCalendar(WorkingCalendar.QuartzCalendarName) ?? throw new InvalidOperationException("no working-day Quartz calendar registered");
        var trigger = DailyDigestSchedule.Trigger(China);
        ((Quartz.Impl.Triggers.CronTriggerImpl)trigger).StartTimeUtc = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        // Act: the fire times as the scheduler takes them: the cron's times that the trigger's calendar includes.
        var fires = new List<DateTimeOffset>();
        for (var at = trigger.GetFireTimeAfter(new DateTimeOffset(2026, 2, 12, 0, 0, 0, TimeSpan.FromHours(8))); at < new DateTimeOffset(2026, 2, 26, 0, 0, 0, TimeSpan.FromHours(8)); at = trigger.GetFireTimeAfter(at))
        {
            if (calendar.IsTimeIncluded(at!.Value))
            {
                fires.Add(at.Value);
            }
        }

        // Assert: Thu 12, Fri 13, Sat 14 (调休), then the holiday 15–23, then Tue 24, Wed 25 — each at 09:00 China time.
        Assert.Equal(
            ["2026-02-12 09:00", "2026-02-13 09:00", "2026-02-14 09:00", "2026-02-24 09:00", "2026-02-25 09:00"],
            fires.Select(f => TimeZoneInfo.ConvertTime(f, China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal(WorkingCalendar.QuartzCalendarName, trigger.CalendarName);
    }

    [Fact]
    public async Task RunDigest_WorkingSaturdayRunsOncePerPerson_HolidayMondayDoesNot()
    {
        // Arrange: on Friday 13 February, anhui's staff has a task due tomorrow (the 调休 Saturday).
        var definition = DefinitionFixtures.Load(HttpApi.HumanTaskFixture, out var definitionId)
            .WithLiteral("report1", "title", "人工智能+农业试点")
            .WithLiteral("report1", "assigneeAgency", "anhui")
            .WithLiteral("report1", "dueAt", "P1D");
        await _planner.ImportAsync(definition);
        await _planner.PublishAsync(definitionId);
        var taskId = Assert.Single((await _planner.StartAsync(definitionId))["bookmarks"]!.AsArray(), b => b!["kind"].Str() == "HumanTask")!["key"].Str();
        await _staff.WaitForAsync(taskId);
        var digest = factory.Services.GetRequiredService<DailyDigest>();

        // Act
        var holiday = await digest.RunAsync(new DateOnly(2026, 2, 16));
        var saturday = await digest.RunAsync(new DateOnly(2026, 2, 14));
        var again = await digest.RunAsync(new DateOnly(2026, 2, 14));

        // Assert
        Assert.Equal(0, holiday);
        Assert.True(saturday >= 1, $"{saturday} digests");
        Assert.Equal(0, again);
        var digests = (await _staff.GetJsonAsync($"{NotificationApi.Notifications}?pageSize=200"))["items"]!.AsArray().Where(n => n!["kind"].Str() == "digest").ToList();
        var only = Assert.Single(digests)!;
        Assert.Matches(@"^每日待办：\d+ 项$", only["title"].Str());
        Assert.Contains("人工智能+农业试点", only["body"].Str());
        Assert.Equal("/inbox", only["link"].Str());
    }
}

using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Scheduling;
using Microsoft.Extensions.Time.Testing;
using Quartz;
using Quartz.Extensibility;

namespace AiPlusTasks.Engine.Tests.Calendar;

public sealed class WorkingDayQuartzCalendarTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static WorkingCalendar Files() => new(CalendarFiles.Load(Path.Combine(RepositoryPaths.Workflows, CalendarFiles.FolderName)));

    /// <summary>The local dates a trigger fires on between two local dates, as Quartz computes them with the calendar.</summary>
    internal static List<DateOnly> FireDates(ICalendar calendar, DateOnly from, DateOnly to)
    {
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), China.GetUtcOffset(from.ToDateTime(TimeOnly.MinValue)));
        var end = new DateTimeOffset(to.ToDateTime(TimeOnly.MaxValue), China.GetUtcOffset(to.ToDateTime(TimeOnly.MinValue)));
        // The trigger's clock at the start: Quartz computes no fire time before "now".
        var trigger = TriggerBuilder.Create(new FakeTimeProvider(start))
            .WithCronSchedule("0 0 9 * * ?", c => c.InTimeZone(China))
            .StartAt(start)
            .WithCalendarName(WorkingCalendar.QuartzCalendarName)
            .Build();
        var dates = new List<DateOnly>();
        foreach (var at in TriggerFireTimes.ComputeBetween(trigger, calendar, start, end))
        {
            var local = TimeZoneInfo.ConvertTime(at, China);
            Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(local.DateTime));
            dates.Add(DateOnly.FromDateTime(local.DateTime));
        }

        return dates;
    }

    [Fact]
    public void CronAtNine_February2026_FiresOnWorkingDaysOnly()
    {
        // Arrange
        var calendar = WorkingDayQuartzCalendar.For(Files(), China);

        // Act
        var dates = FireDates(calendar, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28));

        // Assert: February 2026 has 20 weekdays; the Spring Festival takes 02-16..02-20 and 02-23; 02-14 and 02-28 (Saturdays) are worked.
        Assert.Contains(new DateOnly(2026, 2, 14), dates);
        Assert.Contains(new DateOnly(2026, 2, 28), dates);
        Assert.DoesNotContain(new DateOnly(2026, 2, 16), dates);
        Assert.DoesNotContain(new DateOnly(2026, 2, 7), dates);
        Assert.DoesNotContain(new DateOnly(2026, 2, 8), dates);
        Assert.DoesNotContain(new DateOnly(2026, 2, 21), dates);
        var expected = Enumerable.Range(1, 28).Select(d => new DateOnly(2026, 2, d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) || d.Day is 14 or 28)
            .Where(d => d.Day is not (16 or 17 or 18 or 19 or 20 or 23))
            .ToList();
        Assert.Equal(expected, dates);
        Assert.Equal(16, dates.Count);
    }

    [Fact]
    public void CronAtNine_YearWithoutData_FiresMondayToFriday()
    {
        var calendar = WorkingDayQuartzCalendar.For(Files(), China);

        var dates = FireDates(calendar, new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 14));

        Assert.Equal(10, dates.Count);
        Assert.All(dates, d => Assert.InRange((int)d.DayOfWeek, 1, 5));
    }

    [Fact]
    public void GetNextIncludedTimeUtc_InAHoliday_IsMidnightOfTheNextWorkingDayInChina()
    {
        var calendar = WorkingDayQuartzCalendar.For(Files(), China);

        // 2026-10-01 12:00 Beijing time, National Day; the next working day is Thursday 10-08.
        var next = calendar.GetNextIncludedTimeUtc(new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal(new DateTimeOffset(2026, 10, 8, 0, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.True(calendar.IsTimeIncluded(next));
        Assert.False(calendar.IsTimeIncluded(next.AddTicks(-1)));
    }

    [Fact]
    public void Clone_IsEqualAndIndependentOfTheOriginal()
    {
        var calendar = WorkingDayQuartzCalendar.For(Files(), China);

        var clone = (WorkingDayQuartzCalendar)calendar.Clone();

        Assert.Equal(calendar, clone);
        Assert.Equal(China.Id, clone.TimeZone.Id);
        Assert.NotEqual(calendar, WorkingDayQuartzCalendar.For(WorkingCalendar.WeekdaysOnly(), China));
    }
}

using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Workflows.Execution;
using CsCheck;
using static AiPlusTasks.Engine.Tests.WorkingDays.OfficialCalendar;
using OfficialDays = AiPlusTasks.Workflows.Execution.WorkingDays;

namespace AiPlusTasks.Engine.Tests.WorkingDays;

/// <summary>Working-day arithmetic over the official 2025 and 2026 calendars (2027 has no file: Monday–Friday).</summary>
public sealed class WorkingDaysArithmeticTests
{
    private static readonly OfficialDays Days = Create().Current;

    /// <summary>The reference model: a day is a working day when it is a make-up day, or a weekday that is no holiday — straight from the files.</summary>
    private static bool IsWorkingByTheFiles(DateOnly date)
    {
        var listed = Years.SelectMany(y => y.Days).Where(d => d.Date == date).Select(d => (CalendarDayKind?)d.Kind).FirstOrDefault();
        return listed switch
        {
            CalendarDayKind.MakeUpWorkday => true,
            CalendarDayKind.Holiday => false,
            _ => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday),
        };
    }

    /// <summary>A day-by-day walk: the day reached after <paramref name="days"/> working days (0: on or next).</summary>
    private static DateOnly WalkAdd(DateOnly from, int days)
    {
        var day = from;
        if (days == 0)
        {
            while (!IsWorkingByTheFiles(day))
            {
                day = day.AddDays(1);
            }

            return day;
        }

        var step = Math.Sign(days);
        for (var left = Math.Abs(days); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingByTheFiles(day))
            {
                left--;
            }
        }

        return day;
    }

    private static int WalkCount(DateOnly from, DateOnly to)
    {
        var (low, high, sign) = to >= from ? (from, to, 1) : (to, from, -1);
        var count = 0;
        for (var day = low.AddDays(1); day <= high; day = day.AddDays(1))
        {
            count += IsWorkingByTheFiles(day) ? 1 : 0;
        }

        return sign * count;
    }

    private static readonly Gen<DateOnly> AnyDate2025To2027 = Gen.Int[0, (new DateOnly(2027, 12, 31).DayNumber - new DateOnly(2025, 1, 1).DayNumber)]
        .Select(offset => new DateOnly(2025, 1, 1).AddDays(offset));

    [Fact]
    public void AddAndCount_RandomDates2025To2027_AgreeWithADayByDayWalk()
    {
        Gen.Select(AnyDate2025To2027, Gen.Int[-60, 60]).Sample((from, days) =>
        {
            var reached = Days.AddWorkingDays(from, days);
            Assert.Equal(WalkAdd(from, days), reached);
            if (days > 0)
            {
                // Forward, counting back is the inverse (a count excludes its start and includes its end, as the walk does).
                Assert.Equal(days, Days.CountWorkingDays(from, reached));
            }
        });
        Gen.Select(AnyDate2025To2027, AnyDate2025To2027).Sample((from, to) =>
        {
            Assert.Equal(WalkCount(from, to), Days.CountWorkingDays(from, to));
            Assert.Equal(IsWorkingByTheFiles(to), Days.IsWorkingDay(to));
        });
    }

    [Fact]
    public void EndOfWorkingDays_ThursdayBeforeSpringFestival_CountsTheMakeUpSaturdayAndSkipsTheHoliday()
    {
        // Thu 02-12 + 5: Fri 13, make-up Sat 14, (15–23 holiday), Tue 24, Wed 25, Thu 26 — due at the end of Thu 26.
        var due = Days.EndOfWorkingDays(Local(2026, 2, 12, 9), 5, China);

        Assert.Equal(Local(2026, 2, 27), due);
        Assert.Equal(new DateTimeOffset(2026, 2, 26, 16, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void MoveOffNonWorkingDays_MidnightDeadlines_AreTheEndOfTheDayBefore()
    {
        // 10-01 00:00 is the end of 30 September, a working day: it stays.
        Assert.Equal(Local(2026, 10, 1), Days.MoveOffNonWorkingDays(Local(2026, 10, 1), China));

        // The end of 1 October (02 00:00) falls in National Day: it moves to the end of Thursday 8 October.
        Assert.Equal(Local(2026, 10, 9), Days.MoveOffNonWorkingDays(Local(2026, 10, 2), China));

        // A deadline in the day keeps its time: 10-03 17:30 → 10-08 17:30; a Sunday → the Monday.
        Assert.Equal(Local(2026, 10, 8, 17, 30), Days.MoveOffNonWorkingDays(Local(2026, 10, 3, 17, 30), China));
        Assert.Equal(Local(2026, 12, 21, 12), Days.MoveOffNonWorkingDays(Local(2026, 12, 20, 12), China));

        // The make-up Saturday 10-10 is a working day.
        Assert.Equal(Local(2026, 10, 11), Days.MoveOffNonWorkingDays(Local(2026, 10, 11), China));
    }

    [Fact]
    public void Shift_WorkingDays_CountsWholeDaysFromTheDeadlineDay_TimeStaysClockTime()
    {
        var endOfMonday = Local(2026, 10, 13);

        // −3 working days from Mon 10-12: Sat 10-10 (make-up), Fri 09, Thu 08 → the end of Thursday.
        Assert.Equal(Local(2026, 10, 9), Days.Shift(endOfMonday, TimeSpan.FromDays(-3), DayCount.Working, China));
        Assert.Equal(Local(2026, 10, 8, 9), Days.Shift(endOfMonday, -(TimeSpan.FromDays(3) + TimeSpan.FromHours(15)), DayCount.Working, China));

        // +3 from the end of Wed 09-30: Thu 10-08, Fri 09, Sat 10 (make-up) → the end of Saturday 10-10.
        Assert.Equal(Local(2026, 10, 11), Days.Shift(Local(2026, 10, 1), TimeSpan.FromDays(3), DayCount.Working, China));

        // Calendar days and zero offsets are plain addition.
        Assert.Equal(Local(2026, 10, 10), Days.Shift(endOfMonday, TimeSpan.FromDays(-3), DayCount.Calendar, China));
        Assert.Equal(endOfMonday.AddHours(2), Days.Shift(endOfMonday, TimeSpan.FromHours(2), DayCount.Working, China));
    }
}

using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Runtime;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AiPlusTasks.Engine.Tests.Calendar;

public sealed class CalendarCoverageTests
{
    private static readonly WorkingCalendar Files = new(CalendarFiles.Load(Path.Combine(RepositoryPaths.Workflows, CalendarFiles.FolderName)));

    private static int? MissingYearAt(DateTimeOffset now, string warnFrom = "10-01", WorkingCalendar? calendar = null) =>
        new CalendarCoverage(calendar ?? Files, new FakeTimeProvider(now), Options.Create(new EngineOptions()), Options.Create(new CalendarOptions { WarnFrom = warnFrom })).MissingYear();

    [Theory]
    [InlineData("2026-09-30T15:59:00Z", null)] // 23:59 on 30 September in Beijing: not yet.
    [InlineData("2026-09-30T16:00:00Z", 2027)] // 00:00 on 1 October in Beijing.
    [InlineData("2026-12-15T00:00:00Z", 2027)]
    [InlineData("2025-12-15T00:00:00Z", null)] // 2026 is shipped.
    [InlineData("2027-01-05T00:00:00Z", 2027)] // The year itself without data.
    public void MissingYear_FromWarnFromInChina_NamesTheNextYearWithoutData(string now, int? expected)
    {
        Assert.Equal(expected, MissingYearAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void MissingYear_WarnFromConfigured_MovesTheStart()
    {
        Assert.Null(MissingYearAt(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero), warnFrom: "12-01"));
        Assert.Equal(2027, MissingYearAt(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)), warnFrom: "12-01"));
    }

    [Fact]
    public void MissingYear_NextYearCorrectedIn_IsNull()
    {
        var calendar = new WorkingCalendar(Files.FileYears);
        calendar.Replace([.. Files.FileYears, new CalendarYear(2027, [new CalendarDay(new DateOnly(2027, 1, 1), CalendarDayKind.Holiday, "元旦", "New Year's Day")], null)]);

        Assert.Null(MissingYearAt(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero), calendar: calendar));
    }
}

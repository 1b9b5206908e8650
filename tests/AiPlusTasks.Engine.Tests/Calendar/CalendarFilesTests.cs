using AiPlusTasks.Engine.Calendar;

namespace AiPlusTasks.Engine.Tests.Calendar;

/// <summary>
/// The shipped year files say exactly what the State Council General Office's notices say (docs/decisions/024 records
/// the cross-check against the notices' text and the chinese-days data).
/// </summary>
public sealed class CalendarFilesTests
{
    private static readonly IReadOnlyList<CalendarYear> Years = CalendarFiles.Load(Path.Combine(RepositoryPaths.Workflows, CalendarFiles.FolderName));

    /// <summary>Every date from <paramref name="first"/> to <paramref name="last"/> (yyyy-MM-dd), inclusive.</summary>
    private static IEnumerable<DateOnly> Range(string first, string last)
    {
        for (var day = DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture); day <= DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture); day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateOnly[] Dates(params string[] dates) => [.. dates.Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture))];

    public static TheoryData<int, DateOnly[], DateOnly[]> Notices() => new()
    {
        {
            // 国办发明电〔2024〕12号, 2024-11-12.
            2025,
            [.. Range("2025-01-01", "2025-01-01"), .. Range("2025-01-28", "2025-02-04"), .. Range("2025-04-04", "2025-04-06"),
             .. Range("2025-05-01", "2025-05-05"), .. Range("2025-05-31", "2025-06-02"), .. Range("2025-10-01", "2025-10-08")],
            Dates("2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11")
        },
        {
            // 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04.
            2026,
            [.. Range("2026-01-01", "2026-01-03"), .. Range("2026-02-15", "2026-02-23"), .. Range("2026-04-04", "2026-04-06"),
             .. Range("2026-05-01", "2026-05-05"), .. Range("2026-06-19", "2026-06-21"), .. Range("2026-09-25", "2026-09-27"),
             .. Range("2026-10-01", "2026-10-07")],
            Dates("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")
        },
    };

    [Theory]
    [MemberData(nameof(Notices))]
    public void YearFile_DaysAreTheNoticesDates(int year, DateOnly[] holidays, DateOnly[] makeUpWorkdays)
    {
        var file = Assert.Single(Years, y => y.Year == year);

        Assert.Equal(holidays, file.Days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date));
        Assert.Equal(makeUpWorkdays, file.Days.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date));
        Assert.NotNull(file.Notice);
        Assert.Contains($"{year}年部分节假日安排", file.Notice.Title, StringComparison.Ordinal);
    }
}

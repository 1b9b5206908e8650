using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Tests.Shared;

namespace AiPlusTasks.Engine.Tests.WorkingDays;

/// <summary>The official calendar as the repository ships it (<c>workflows/calendar</c>: 2025 and 2026), for tests.</summary>
internal static class OfficialCalendar
{
    public static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static IReadOnlyList<CalendarYear> Years { get; } = CalendarFiles.Load(Path.Combine(RepositoryPaths.Workflows, CalendarFiles.FolderName));

    public static WorkingCalendar Create() => new(Years);

    /// <summary>An instant given as China local time.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}

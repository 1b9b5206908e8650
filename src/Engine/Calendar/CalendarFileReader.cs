using System.Globalization;
using System.Text.Json;
using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>
/// Reads and checks one year's file, <c>workflows/calendar/2026.json</c>:
/// <c>{"description"?, "year", "notice": {title, number?, published, url?}, "days": [{date, kind, nameZh, nameEn}]}</c>,
/// <c>kind</c> <c>holiday</c> or <c>makeUpWorkday</c>. Checks: the year is the file's name; every date is an ISO date
/// (yyyy-MM-dd) in that year and listed once; a make-up working day falls on a Saturday or Sunday; names are not blank.
/// </summary>
internal static class CalendarFileReader
{
    private static readonly string[] RootProperties = ["description", "year", "notice", "days"];
    private static readonly string[] NoticeProperties = ["title", "number", "published", "url"];
    private static readonly string[] DayProperties = ["date", "kind", "nameZh", "nameEn"];

    public static CalendarYear Read(DataFile file)
    {
        var array = file.RootArray("days", RootProperties);
        file.ThrowIfProblems();

        var year = file.RequiredInt(file.Root, "", "year", 2000, 2100);
        var expected = int.TryParse(Path.GetFileNameWithoutExtension(file.Path), NumberStyles.None, CultureInfo.InvariantCulture, out var named) ? named : (int?)null;
        if (year is not null && year != expected)
        {
            file.Problem("year", $"'year' is {year} but the file is named '{Path.GetFileName(file.Path)}'; name it '{year}.json'");
        }

        var notice = ReadNotice(file);
        var days = new List<CalendarDay>();
        var pathByDate = new Dictionary<DateOnly, string>();
        var index = 0;
        foreach (var element in array!.Value.EnumerateArray())
        {
            var path = $"days[{index++}]";
            if (!file.IsObject(element, path))
            {
                continue;
            }

            file.CheckProperties(element, path, DayProperties);
            var date = RequiredDate(file, element, path, "date");
            var kind = file.RequiredEnum<CalendarDayKind>(element, path, "kind");
            var nameZh = file.RequiredString(element, path, "nameZh");
            var nameEn = file.RequiredString(element, path, "nameEn");
            if (date is { } day)
            {
                if (year is not null && day.Year != year)
                {
                    file.Problem(path + ".date", $"{day:yyyy-MM-dd} is not in {year}");
                }

                if (!pathByDate.TryAdd(day, path))
                {
                    file.Problem(path + ".date", $"{day:yyyy-MM-dd} is already listed at {file.Describe(pathByDate[day])}");
                }

                if (kind == CalendarDayKind.MakeUpWorkday && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    file.Problem(path + ".kind", $"{day:yyyy-MM-dd} is a {day.DayOfWeek}, a working day already; a make-up working day falls on a weekend");
                }
            }

            if (date is not null && kind is not null && nameZh is not null && nameEn is not null)
            {
                days.Add(new CalendarDay(date.Value, kind.Value, nameZh, nameEn));
            }
        }

        file.ThrowIfProblems();
        return new CalendarYear(year!.Value, [.. days.OrderBy(d => d.Date)], notice!);
    }

    private static CalendarNotice? ReadNotice(DataFile file)
    {
        if (!file.Root.TryGetProperty("notice", out var element) || !file.IsObject(element, "notice"))
        {
            if (!file.Root.TryGetProperty("notice", out _))
            {
                file.Problem("notice", "'notice' is missing: name the official notice the dates come from");
            }

            return null;
        }

        file.CheckProperties(element, "notice", NoticeProperties);
        var title = file.RequiredString(element, "notice", "title");
        var published = RequiredDate(file, element, "notice", "published");
        var number = OptionalString(element, "number");
        var url = OptionalString(element, "url");
        return title is null || published is null ? null : new CalendarNotice(title, number, published.Value, url);
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;

    private static DateOnly? RequiredDate(DataFile file, JsonElement element, string path, string name)
    {
        var text = file.RequiredString(element, path, name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        file.Problem(DataFile.Join(path, name), $"'{name}' is '{text}'; expected a date like 2026-10-01");
        return null;
    }
}

using System.Globalization;
using System.Text.Json;
using Quartz.Serialization.SystemTextJson.Calendars;

namespace AiPlusTasks.Engine.Scheduling;

/// <summary>
/// Writes a <see cref="WorkingDayQuartzCalendar"/> into Quartz's System.Text.Json store payload and reads it back: its
/// non-working and make-up dates as <c>yyyy-MM-dd</c> strings (Quartz writes the time zone and description around them).
/// Registered with the clustered store (<c>UseSystemTextJsonSerializer(json =&gt; json.AddCalendarSerializer(…))</c>).
/// </summary>
public sealed class WorkingDayQuartzCalendarSerializer : CalendarSerializer<WorkingDayQuartzCalendar>
{
    private const string NonWorkingDaysProperty = "nonWorkingDays";
    private const string MakeUpWorkingDaysProperty = "makeUpWorkingDays";

    /// <inheritdoc />
    public override string CalendarTypeName => "AiPlusTasks.WorkingDayCalendar";

    /// <inheritdoc />
    protected override WorkingDayQuartzCalendar Create(JsonElement jsonElement, JsonSerializerOptions options) => new();

    /// <inheritdoc />
    protected override void SerializeFields(Utf8JsonWriter writer, WorkingDayQuartzCalendar calendar, JsonSerializerOptions options)
    {
        WriteDates(writer, NonWorkingDaysProperty, calendar.NonWorkingDays);
        WriteDates(writer, MakeUpWorkingDaysProperty, calendar.MakeUpWorkingDays);
    }

    /// <inheritdoc />
    protected override void DeserializeFields(WorkingDayQuartzCalendar calendar, JsonElement jsonElement, JsonSerializerOptions options) =>
        calendar.SetDays(ReadDates(jsonElement, NonWorkingDaysProperty), ReadDates(jsonElement, MakeUpWorkingDaysProperty));

    private static void WriteDates(Utf8JsonWriter writer, string name, IReadOnlyList<DateOnly> dates)
    {
        writer.WriteStartArray(name);
        foreach (var date in dates)
        {
            writer.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
    }

    private static List<DateOnly> ReadDates(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array)
            ? array.EnumerateArray().Select(e => DateOnly.ParseExact(e.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList()
            : [];
}

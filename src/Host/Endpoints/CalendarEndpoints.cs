using System.Globalization;
using System.Security.Claims;
using AiPlusTasks.Engine.Calendar;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Host.Contract;
using AiPlusTasks.Workflows.Execution;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiPlusTasks.Host.Endpoints;

/// <summary>
/// The working calendar (工作日历): a year's holidays and make-up working days and where they come from, working-day
/// arithmetic, and the corrections NDRC supervisors record. Readable by every signed-in user and agency system.
/// </summary>
public static class CalendarEndpoints
{
    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar").RequireAuthorization();
        group.MapGet("/add-working-days", AddWorkingDays).WithName(nameof(AddWorkingDays)).WithSummary("Add working days to a date on China's official calendar").ProducesValidationProblem().OpenToAgencySystems();
        group.MapGet("/working-days", CountWorkingDays).WithName(nameof(CountWorkingDays)).WithSummary("Count the working days between two dates").ProducesValidationProblem().OpenToAgencySystems();
        group.MapGet("/{year:int}", GetCalendarYear).WithName(nameof(GetCalendarYear)).WithSummary("Read a year of China's official working calendar").ProducesValidationProblem().OpenToAgencySystems();
        group.MapGet("/{year:int}/revisions", ListCalendarRevisions).WithName(nameof(ListCalendarRevisions)).WithSummary("List the NDRC's corrections of a calendar year").ProducesValidationProblem().OpenToAgencySystems();
        group.MapPost("/{year:int}/revisions", ReviseCalendarYear).WithName(nameof(ReviseCalendarYear)).WithSummary("Correct a calendar year's holidays and make-up working days").ProducesValidationProblem();
        return app;
    }

    /// <summary>
    /// The year as in force: every day that differs from Monday–Friday (kind and names), the official notice, the source
    /// (the year's file, or the NDRC correction in force with its number, author and reason) and whether the year has
    /// official data at all (without it, it counts Monday to Friday).
    /// </summary>
    public static async Task<Ok<CalendarYearView>> GetCalendarYear(CalendarRevisionService calendar, int year, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.GetYearAsync(year, cancellationToken));

    /// <summary>Every NDRC correction of the year, newest first (number, author, time, reason).</summary>
    public static async Task<Ok<IReadOnlyList<CalendarRevision>>> ListCalendarRevisions(CalendarRevisionService calendar, int year, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.ListRevisionsAsync(year, cancellationToken));

    /// <summary>
    /// Corrects a year (NDRC supervisors): its whole list of holidays and make-up working days, the notice it follows and
    /// a reason. The rules of the year files apply; every invalid field is named (e.g. <c>days[3].date</c>). The correction
    /// is in force at once for new computations; deadlines computed earlier keep their values.
    /// </summary>
    public static async Task<Ok<CalendarYearView>> ReviseCalendarYear(CalendarRevisionService calendar, ClaimsPrincipal user, int year, CalendarRevisionRequest body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await calendar.ReviseAsync(CallerClaims.ToCaller(user), year, body, cancellationToken));

    /// <summary>
    /// The working day <c>days</c> working days after <c>from</c> (before it when negative; <c>from</c> itself is not
    /// counted, 0 gives <c>from</c> or the next working day), e.g. <c>?from=2026-09-28&amp;days=10</c> → 2026-10-16.
    /// </summary>
    public static Ok<WorkingDaysAnswer> AddWorkingDays(WorkingCalendar calendar, string? from, string? days)
    {
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from", errors);
        var count = ParseDays(days, errors);
        Throw(errors);
        var current = calendar.Current;
        var date = current.AddWorkingDays(start, count);
        return TypedResults.Ok(new WorkingDaysAnswer(start, date, count, Uncovered(current, start, date)));
    }

    /// <summary>
    /// The number of working days after <c>from</c> up to and including <c>to</c> (negative when <c>to</c> is earlier),
    /// e.g. <c>?from=2026-09-28&amp;to=2026-10-16</c> → 10.
    /// </summary>
    public static Ok<WorkingDaysAnswer> CountWorkingDays(WorkingCalendar calendar, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>();
        var start = ParseDate(from, "from", errors);
        var end = ParseDate(to, "to", errors);
        if (errors.Count == 0 && Math.Abs(end.DayNumber - start.DayNumber) > WorkingDays.MaxDistance * 2)
        {
            errors["to"] = [$"'to' is at most {WorkingDays.MaxDistance * 2} days from 'from'"];
        }

        Throw(errors);
        var current = calendar.Current;
        return TypedResults.Ok(new WorkingDaysAnswer(start, end, current.CountWorkingDays(start, end), Uncovered(current, start, end)));
    }

    /// <summary>The answer of the working-day arithmetic.</summary>
    /// <param name="From">The day counted from.</param>
    /// <param name="Date">The resulting (or the given end) day.</param>
    /// <param name="Days">The number of working days between them.</param>
    /// <param name="YearsWithoutData">Years on the way without official data, counted Monday to Friday.</param>
    public sealed record WorkingDaysAnswer(DateOnly From, DateOnly Date, int Days, IReadOnlyList<int> YearsWithoutData);

    private static IReadOnlyList<int> Uncovered(WorkingDays days, DateOnly a, DateOnly b) =>
        [.. Enumerable.Range(Math.Min(a.Year, b.Year), Math.Abs(b.Year - a.Year) + 1).Where(y => !days.HasYear(y))];

    private static DateOnly ParseDate(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 1900 and <= 2200)
        {
            return date;
        }

        errors[field] = [text is null ? $"'{field}' is required: a date like 2026-09-28" : $"'{field}' is '{text}'; expected a date like 2026-09-28 (years 1900–2200)"];
        return default;
    }

    private static int ParseDays(string? text, Dictionary<string, string[]> errors)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) && Math.Abs((long)days) <= WorkingDays.MaxDistance)
        {
            return days;
        }

        errors["days"] = [text is null ? "'days' is required: a whole number of working days" : $"'days' is '{text}'; expected a whole number from -{WorkingDays.MaxDistance} to {WorkingDays.MaxDistance}"];
        return 0;
    }

    private static void Throw(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Persistence.Records;
using AiPlusTasks.Engine.Runtime;
using AiPlusTasks.Engine.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlusTasks.Engine.Calendar;

/// <summary>
/// The years of the working calendar and their NDRC corrections (docs/decisions/024). A correction replaces a year's
/// whole day list, is numbered per year and kept with its reason, author and time; the latest correction of a year is in
/// force instead of the year's file. A correction is put in force on the node that records it at once, and on every other
/// node by <see cref="RefreshAsync"/> (run every <see cref="CalendarOptions.RefreshInterval"/>). Deadlines computed before
/// a correction keep their stored values; only later computations use it.
/// </summary>
public sealed class CalendarRevisionService(
    IDbContextFactory<WorkflowDbContext> dbFactory,
    WorkingCalendar calendar,
    AuditTrail audit,
    TimeProvider time,
    ILogger<CalendarRevisionService> logger,
    IOptions<InputLimits>? limits = null) : IDisposable
{
    /// <summary>The audit trail's action for a correction.</summary>
    public const string AuditAction = AuditActions.CalendarRevise;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private int _revisionsInForce = -1;

    /// <summary>The year as in force now (read from the database, so every node answers alike).</summary>
    /// <exception cref="RequestValidationException">The year is outside 2000–2100.</exception>
    public async Task<CalendarYearView> GetYearAsync(int year, CancellationToken cancellationToken = default)
    {
        RequireYear(year);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await db.CalendarRevisions.AsNoTracking().Where(r => r.Year == year).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            var revised = ToYear(latest);
            return new CalendarYearView(year, true, CalendarSource.Revision, revised.Days, revised.Notice, ToView(latest, revised.Days));
        }

        return calendar.FileYears.FirstOrDefault(y => y.Year == year) is { } file
            ? new CalendarYearView(year, true, CalendarSource.File, file.Days, file.Notice, null)
            : new CalendarYearView(year, false, CalendarSource.None, [], null, null);
    }

    /// <summary>Every correction of <paramref name="year"/>, newest first.</summary>
    /// <exception cref="RequestValidationException">The year is outside 2000–2100.</exception>
    public async Task<IReadOnlyList<CalendarRevision>> ListRevisionsAsync(int year, CancellationToken cancellationToken = default)
    {
        RequireYear(year);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.CalendarRevisions.AsNoTracking().Where(r => r.Year == year).OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        return [.. rows.Select(r => ToView(r, ToYear(r).Days))];
    }

    /// <summary>
    /// Records a correction of <paramref name="year"/> by an NDRC supervisor, puts it in force on this node and audits it.
    /// The days obey the year files' rules (<see cref="CalendarFiles"/>).
    /// </summary>
    /// <exception cref="ForbiddenException">The caller is not an NDRC supervisor.</exception>
    /// <exception cref="RequestValidationException">A field is invalid (named, e.g. <c>days[3].date</c>); nothing is stored.</exception>
    /// <exception cref="ConflictException">Another correction of the year was recorded meanwhile.</exception>
    public async Task<CalendarYearView> ReviseAsync(Caller caller, int year, CalendarRevisionRequest request, CancellationToken cancellationToken = default)
    {
        if (!MayRevise(caller))
        {
            throw new ForbiddenException("only NDRC supervisors correct the working calendar");
        }

        RequireYear(year);
        var (days, notice, reason) = Validate(year, request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var last = await db.CalendarRevisions.Where(r => r.Year == year).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        var record = new CalendarRevisionRecord
        {
            Year = year,
            Number = last + 1,
            Days = JsonSerializer.Serialize(days, Json),
            Notice = notice is null ? null : JsonSerializer.Serialize(notice, Json),
            Reason = reason,
            RevisedBy = caller.Name,
            RevisedAt = time.GetUtcNow(),
        };
        db.CalendarRevisions.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            throw new ConflictException($"the working calendar of {year} was corrected meanwhile; reload it and try again", e);
        }

        var view = ToView(record, days);
        logger.LogInformation("Working calendar: {Year} corrected by {Caller} (correction {Number}: {Holidays} non-working days, {MakeUp} make-up working days)", year, caller.Name, record.Number, view.Holidays, view.MakeUpWorkdays);
        await audit.RecordAsync(
            caller, AuditAction, $"calendar:{year}", $"correction {record.Number}: {view.Holidays} non-working days, {view.MakeUpWorkdays} make-up working days; reason: {reason}",
            cancellationToken: CancellationToken.None);
        await RefreshAsync(CancellationToken.None);
        return new CalendarYearView(year, true, CalendarSource.Revision, days, notice, view);
    }

    /// <summary>
    /// Puts the files and the latest correction of each year in force (<see cref="WorkingCalendar.Replace"/>) when the
    /// number of corrections differs from the one in force (corrections are only ever added). Returns whether it did.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var count = await db.CalendarRevisions.CountAsync(cancellationToken);
            if (count == _revisionsInForce)
            {
                return false;
            }

            var rows = await db.CalendarRevisions.AsNoTracking().ToListAsync(cancellationToken);
            var revised = rows.GroupBy(r => r.Year).Select(g => ToYear(g.MaxBy(r => r.Number)!)).ToDictionary(y => y.Year);
            var years = calendar.FileYears.Where(y => !revised.ContainsKey(y.Year)).Concat(revised.Values).OrderBy(y => y.Year).ToList();
            if (count > 0 || _revisionsInForce > 0)
            {
                calendar.Replace(years);
            }

            _revisionsInForce = count;
            return true;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _refreshing.Dispose();

    /// <summary>Whether <paramref name="caller"/> may correct the calendar: an NDRC supervisor.</summary>
    public static bool MayRevise(Caller caller) =>
        caller.AgencyCode == AgencyDirectory.CoordinatorCode && caller.Roles.Contains(Roles.NdrcSupervisor);

    private static void RequireYear(int year)
    {
        if (year is < CalendarDayRules.FirstYear or > CalendarDayRules.LastYear)
        {
            throw RequestValidationException.For("year", $"the year is {year}; the calendar covers {CalendarDayRules.FirstYear}–{CalendarDayRules.LastYear}");
        }
    }

    private (List<CalendarDay> Days, CalendarNotice? Notice, string Reason) Validate(int year, CalendarRevisionRequest request)
    {
        var limit = limits?.Value ?? new InputLimits();
        var errors = new Dictionary<string, List<string>>();
        void Problem(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            Problem("reason", "a correction needs a reason");
        }
        else if (request.Reason.Length > limit.MaxTextLength)
        {
            Problem("reason", $"a reason has at most {limit.MaxTextLength} characters");
        }

        var days = new List<CalendarDay>();
        if (request.Days is null)
        {
            Problem("days", "'days' is missing: list every holiday and make-up working day of the year (an empty list leaves only weekends)");
        }
        else if (request.Days.Count > 366)
        {
            Problem("days", $"{request.Days.Count} days listed; a year has at most 366");
        }
        else
        {
            var seen = new Dictionary<DateOnly, string>();
            for (var i = 0; i < request.Days.Count; i++)
            {
                var path = $"days[{i}]";
                if (request.Days[i] is not { } day)
                {
                    Problem(path, "a day is an object {date, kind, nameZh, nameEn}");
                    continue;
                }

                var date = ParseDate(day.Date, path + ".date", Problem);
                var kind = ParseKind(day.Kind, path + ".kind", Problem);
                var nameZh = RequiredName(day.NameZh, path + ".nameZh", limit, Problem);
                var nameEn = RequiredName(day.NameEn, path + ".nameEn", limit, Problem);
                if (date is { } d)
                {
                    CalendarDayRules.Check(year, d, kind, path, seen, Problem, p => p);
                }

                if (date is not null && kind is not null && nameZh is not null && nameEn is not null)
                {
                    days.Add(new CalendarDay(date.Value, kind.Value, nameZh, nameEn));
                }
            }
        }

        var notice = request.Notice is { } input ? ValidateNotice(input, limit, Problem) : null;
        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        return ([.. days.OrderBy(d => d.Date)], notice, request.Reason!.Trim());
    }

    private static CalendarNotice? ValidateNotice(CalendarNoticeInput input, InputLimits limit, Action<string, string> problem)
    {
        var title = RequiredName(input.Title, "notice.title", limit, problem);
        var published = ParseDate(input.Published, "notice.published", problem);
        var number = Optional(input.Number);
        var url = Optional(input.Url);
        if (number is { Length: var n } && n > limit.MaxNameLength)
        {
            problem("notice.number", $"a document number has at most {limit.MaxNameLength} characters");
        }

        if (url is not null && (url.Length > limit.MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            problem("notice.url", "'url' is an http or https address");
        }

        return title is null || published is null ? null : new CalendarNotice(title, number, published.Value, url);
    }

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? RequiredName(string? text, string field, InputLimits limit, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problem(field, "required");
            return null;
        }

        if (text.Length > limit.MaxNameLength)
        {
            problem(field, $"at most {limit.MaxNameLength} characters");
            return null;
        }

        return text.Trim();
    }

    private static DateOnly? ParseDate(string? text, string field, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problem(field, "required: a date like 2027-02-06");
            return null;
        }

        if (DateOnly.TryParseExact(text, CalendarDayRules.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(field, $"'{text}' is not a date like 2027-02-06");
        return null;
    }

    private static CalendarDayKind? ParseKind(string? text, string field, Action<string, string> problem)
    {
        foreach (var kind in Enum.GetValues<CalendarDayKind>())
        {
            // camelCase as in the year files; the API writes enums as their names (Holiday), so both are read.
            if (string.Equals(kind.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        problem(field, $"'{text}' is not a kind of day; expected holiday or makeUpWorkday");
        return null;
    }

    private static CalendarYear ToYear(CalendarRevisionRecord record) => new(
        record.Year,
        JsonSerializer.Deserialize<List<CalendarDay>>(record.Days, Json) ?? [],
        record.Notice is null ? null : JsonSerializer.Deserialize<CalendarNotice>(record.Notice, Json));

    private static CalendarRevision ToView(CalendarRevisionRecord record, IReadOnlyList<CalendarDay> days) => new(
        record.Year,
        record.Number,
        record.Reason,
        record.RevisedBy,
        record.RevisedAt,
        days.Count(d => d.Kind == CalendarDayKind.Holiday),
        days.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday));
}

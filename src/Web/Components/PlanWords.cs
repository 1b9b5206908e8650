using System.Globalization;
using AiPlusTasks.Engine.Directory;
using AiPlusTasks.Engine.Planning;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AiPlusTasks.Web.Components;

/// <summary>
/// A plan in the planner's words: periods as 2027年第1季度, zones, statuses, agencies by name (the wildcard
/// <c>*provinces</c> / <c>*</c> as 全部省级单位（32）), and a diff's kinds, fields, values and reasons.
/// </summary>
public sealed class PlanWords(IStringLocalizer<UiText> text, DisplayNames names, AgencyDirectory directory)
{
    /// <summary>What a diff's agencies list holds for "every province-level unit".</summary>
    private const string AllProvincesCode = "*provinces";

    /// <summary>What a diff's <c>provinces</c> value holds for "every province-level unit".</summary>
    private const string AllProvincesValue = "*";

    /// <summary>2027年第1季度 / Q1 2027; the text itself when it is not a period.</summary>
    public string Period(string? period) =>
        Engine.Planning.Period.TryParse(period) is { } parsed ? Format("PeriodQuarter", parsed.Year, parsed.Quarter) : period ?? "";

    public string Zone(WindowZone zone) => text["Zone-" + zone];

    public string Status(PlanTaskStatus status) => text["PlanTaskStatus-" + status];

    /// <summary>全部省级单位（32）.</summary>
    public string AllProvinces() => Format("AllProvincesCount", directory.Provinces.Count);

    /// <summary>Agencies by name, joined with 、; the wildcard as <see cref="AllProvinces"/>.</summary>
    public string Agencies(IEnumerable<string> codes) =>
        string.Join(text["ListSeparator"], codes.Select(c => c is AllProvincesCode or AllProvincesValue ? AllProvinces() : names.Agency(c)));

    /// <summary>The provinces a key task cascades to: all of them when it names none.</summary>
    public string Provinces(IReadOnlyList<string>? provinces) => provinces is null ? AllProvinces() : Agencies(provinces);

    /// <summary>A day in China time, 2027-03-31.</summary>
    public static string Day(DateTimeOffset? value) => value is { } day ? ChinaTime.Day(day) : "—";

    public string ChangeKind(string kind) => Known("ChangeKind-", kind);

    public string Field(string? field) => field is null ? "" : Known("Field-", field);

    /// <summary>A diff value in words: agencies and pillars by name, colours, zones and periods in words, dates as days.</summary>
    public string Value(string? field, string? value) => (field, value) switch
    {
        (_, null) => "",
        ("leadAgency", _) => names.Agency(value),
        ("coAgencies", "") => text["NoCoUnits"],
        ("coAgencies", _) or ("provinces", _) => Agencies(value.Split(',')),
        ("pillar", _) => names.Pillar(value),
        ("colour", _) when Enum.TryParse<TaskColour>(value, out var colour) => DisplayNames.Colour(colour),
        ("zone", _) when Enum.TryParse<WindowZone>(value, out var zone) => Zone(zone),
        ("period", _) => Period(value),
        _ => value,
    };

    /// <summary>A removal's reason in words: the roller's <c>Completed</c>, <c>Cancelled</c> and carry-over decisions; anything else as written.</summary>
    public string Reason(string? reason) => reason switch
    {
        null => "",
        PlanRoller.CompletedReason => text["RemovalReason-Completed"],
        PlanRoller.CancelledReason => text["RemovalReason-Cancelled"],
        _ when reason.StartsWith(PlanRoller.DecisionCancelledReason, StringComparison.Ordinal) =>
            Format("RemovalReason-Decision", reason[PlanRoller.DecisionCancelledReason.Length..].Trim()),
        _ => reason,
    };

    private string Known(string prefix, string code) => text[prefix + code] is { ResourceNotFound: false } word ? word.Value : code;

    private string Format(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, text[key], values);
}

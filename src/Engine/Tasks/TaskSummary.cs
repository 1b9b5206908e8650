using System.Globalization;
using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// A task as the inbox lists it. <see cref="EscalationLevel"/> is the highest escalation level reached (0: none) and
/// <see cref="EscalationAction"/> the supervision action that reached it (reminder, urge, notice, interview, circular).
/// <see cref="Title"/> is Chinese (the default language), <see cref="TitleEn"/> English
/// (null when the workflow gave one text for both); <see cref="TitleIn"/> picks by culture. <see cref="ActingFor"/> names
/// the delegator when the task is in the caller's inbox through a delegation (代理: "代 X 办理"), else null.
/// </summary>
public sealed record TaskSummary(
    string Id,
    string Title,
    string? TitleEn,
    string Kind,
    string AgencyCode,
    string? LeadAgencyCode,
    string? Pillar,
    string? PlanId,
    TaskState State,
    TaskColour Colour,
    int Priority,
    DateTimeOffset? DueAt,
    string? AssigneeUser,
    string? ClaimedBy,
    int ReturnCount,
    int EscalationLevel,
    DateTimeOffset CreatedAt,
    string? EscalationAction,
    string? ActingFor = null)
{
    /// <summary>The title in the culture's language (default: the current UI culture); English falls back to Chinese.</summary>
    public string TitleIn(CultureInfo? culture = null) => DisplayNames.Pick(Title, TitleEn, culture);
}

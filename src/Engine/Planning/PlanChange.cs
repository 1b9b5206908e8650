namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// One entry of a version's diff, keyed by the task's stable key: Added, Removed (with a reason), Changed (a field, old and
/// new), Reassigned, Rescheduled, CarriedOver, ColourChanged, ZoneChanged, Committed. <see cref="Agencies"/> lists every
/// agency the change concerns (lead and co-units), for per-agency views.
/// </summary>
public sealed record PlanChange(
    string TaskKey,
    string Kind,
    string? Field,
    string? Old,
    string? New,
    string? Reason,
    IReadOnlyList<string> Agencies);

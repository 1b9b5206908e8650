namespace AiPlusTasks.Engine.Tasks;

/// <summary>
/// The lead unit submits its task before every co-unit has reported (主办单位决定先行提交): the reason is required and
/// recorded in the task's history and the <c>task.co_units_overridden</c> event. Only the lead unit's lead or NDRC staff may.
/// </summary>
/// <param name="Reason">Why the lead does not wait for the co-units.</param>
public sealed record CoUnitOverride(string? Reason);

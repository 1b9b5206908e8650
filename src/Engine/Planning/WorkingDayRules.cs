namespace AiPlusTasks.Engine.Planning;

/// <summary>
/// How a plan's tasks count days, versioned with its content like <see cref="ColourRules"/> and passed to the plan's
/// workflows (and from them to each task) when a roll starts them (docs/decisions/025).
/// </summary>
public sealed record WorkingDayRules
{
    /// <summary>
    /// True (default): the whole days of escalation ladder offsets (T−3 → three working days before the due day) and of
    /// the colour rule's <see cref="ColourRules.BlueWithin"/> are working days of the official calendar; false: calendar days.
    /// </summary>
    public bool CountWorkingDays { get; init; } = true;

    /// <summary>True (default): a due date that falls on a non-working day moves to the same time on the next working day.</summary>
    public bool MoveDeadlineOffNonWorkingDays { get; init; } = true;

    /// <summary>
    /// False (default): the plan rolls when its cadence says, holiday or not (a roll is a planning event, not a working
    /// task). True: a roll that falls on a non-working day waits until the same time on the next working day.
    /// </summary>
    public bool RollOnWorkingDays { get; init; }
}

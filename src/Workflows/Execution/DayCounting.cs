namespace AiPlusTasks.Workflows.Execution;

/// <summary>How one task counts the days of its ladder offsets and colour rule: by <see cref="Count"/>, over <see cref="Days"/>, in <see cref="TimeZone"/>.</summary>
/// <param name="Count">Calendar or working days.</param>
/// <param name="Days">The working days in force.</param>
/// <param name="TimeZone">The zone whose local dates are the days (the engine's).</param>
public sealed record DayCounting(DayCount Count, WorkingDays Days, TimeZoneInfo TimeZone)
{
    /// <summary><paramref name="at"/> moved by <paramref name="offset"/> (see <see cref="WorkingDays.Shift"/>).</summary>
    public DateTimeOffset Shift(DateTimeOffset at, TimeSpan offset) => Days.Shift(at, offset, Count, TimeZone);
}

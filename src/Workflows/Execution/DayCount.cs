namespace AiPlusTasks.Workflows.Execution;

/// <summary>How the whole days of a deadline's offsets and colour rules are counted (docs/decisions/025).</summary>
public enum DayCount
{
    /// <summary>Every day counts: an offset of 3 days is 72 hours.</summary>
    Calendar,

    /// <summary>Only working days (工作日) count, by the official calendar in force; a time part stays clock time.</summary>
    Working,
}

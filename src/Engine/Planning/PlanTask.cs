using AiPlusTasks.Engine.Tasks;

namespace AiPlusTasks.Engine.Planning;

/// <summary>A key task as one plan version holds it. <see cref="Key"/> is stable across versions; diffs are keyed by it.</summary>
public sealed record PlanTask
{
    public required string Key { get; init; }

    public required string Code { get; init; }

    /// <summary>The task's name in Chinese.</summary>
    public required string Title { get; init; }

    /// <summary>The task's name in English; null for none (the English UI shows the Chinese name).</summary>
    public string? TitleEn { get; init; }

    public required string Pillar { get; init; }

    public required string LeadAgency { get; init; }

    public IReadOnlyList<string> CoAgencies { get; init; } = [];

    /// <summary>Province-level units it cascades to; null = all 32.</summary>
    public IReadOnlyList<string>? Provinces { get; init; }

    /// <summary>The period the task is planned to start in.</summary>
    public required string Period { get; init; }

    public WindowZone Zone { get; init; }

    public PlanTaskStatus Status { get; init; }

    /// <summary>The original due date; never changed by a carry-over.</summary>
    public required DateTimeOffset BaselineDue { get; init; }

    /// <summary>The expected finish after a carry-over; required (null = still to be given) once carried over.</summary>
    public DateTimeOffset? ForecastDue { get; init; }

    public int CarryOverCount { get; init; }

    /// <summary>A carried-over task owes a forecast date until one is given.</summary>
    public bool ForecastRequired => CarryOverCount > 0 && ForecastDue is null;

    public TaskColour Colour { get; init; }

    /// <summary>The breakdown workflow instance, once committed.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The carry-over decision instance opened on the third consecutive carry-over.</summary>
    public string? DecisionInstanceId { get; init; }

    /// <summary>The breakdown workflow to start when the task is committed. Default <c>national-key-task</c>.</summary>
    public string Workflow { get; init; } = "national-key-task";
}

using System.ComponentModel.DataAnnotations;
using AiPlusTasks.Workflows.Execution;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>Task settings (section <c>Tasks</c>). Plans will carry their own colour rules; these are the defaults.</summary>
public sealed class TaskOptions
{
    public const string SectionName = "Tasks";

    /// <summary>
    /// A task due within this time is blue (approaching deadline), and the inbox's "due soon" view lists it. Default 3 days;
    /// whole days count as working days where the task counts working days, and always in the "due soon" view.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan BlueWithin { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// The colour a task has at <paramref name="now"/>: red when overdue, yellow when returned, blue when due within
    /// <paramref name="blueWithin"/> (a plan's rule; default <see cref="BlueWithin"/>) counted as <paramref name="counting"/>
    /// says (default calendar days: plain time), else green. E.g. with working days and a rule of 3 days, a task due at
    /// the end of a Monday is blue from the start of the Thursday before (Thursday, Friday and Monday; the weekend does not count).
    /// </summary>
    public TaskColour ColourAt(DateTimeOffset? dueAt, DateTimeOffset now, int returnCount, TimeSpan? blueWithin = null, DayCounting? counting = null) => dueAt switch
    {
        { } due when now >= due => TaskColour.Red,
        _ when returnCount > 0 => TaskColour.Yellow,
        { } due when due <= (counting?.Shift(now, blueWithin ?? BlueWithin) ?? now + (blueWithin ?? BlueWithin)) => TaskColour.Blue,
        _ => TaskColour.Green,
    };
}

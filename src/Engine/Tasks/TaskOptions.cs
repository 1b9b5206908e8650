using System.ComponentModel.DataAnnotations;

namespace AiPlusTasks.Engine.Tasks;

/// <summary>Task settings (section <c>Tasks</c>). Plans will carry their own colour rules; these are the defaults.</summary>
public sealed class TaskOptions
{
    public const string SectionName = "Tasks";

    /// <summary>A task due within this time is blue (approaching deadline). Default 3 days.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan BlueWithin { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// The colour a task has at <paramref name="now"/>: red when overdue, yellow when returned, blue when due within
    /// <paramref name="blueWithin"/> (a plan's rule; default <see cref="BlueWithin"/>), else green.
    /// </summary>
    public TaskColour ColourAt(DateTimeOffset? dueAt, DateTimeOffset now, int returnCount, TimeSpan? blueWithin = null) => dueAt switch
    {
        { } due when now >= due => TaskColour.Red,
        _ when returnCount > 0 => TaskColour.Yellow,
        { } due when due - now <= (blueWithin ?? BlueWithin) => TaskColour.Blue,
        _ => TaskColour.Green,
    };
}

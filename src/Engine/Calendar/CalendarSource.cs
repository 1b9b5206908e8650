namespace AiPlusTasks.Engine.Calendar;

/// <summary>Where the year in force comes from.</summary>
public enum CalendarSource
{
    /// <summary>No official data: the year counts Monday to Friday.</summary>
    None,

    /// <summary>The year's file under <c>workflows/calendar</c>.</summary>
    File,

    /// <summary>The latest NDRC correction.</summary>
    Revision,
}

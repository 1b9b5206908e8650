namespace AiPlusTasks.Engine.Calendar;

/// <summary>What the official calendar says of a day.</summary>
public enum CalendarDayKind
{
    /// <summary>A non-working day of a public holiday (放假), weekend days inside the break included.</summary>
    Holiday,

    /// <summary>A weekend day that is a working day to make up for a holiday (调休上班).</summary>
    MakeUpWorkday,
}

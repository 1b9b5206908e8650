namespace AiPlusTasks.Engine.Calendar;

/// <summary>An NDRC correction of a year, as shown in its history.</summary>
/// <param name="Year">The year corrected.</param>
/// <param name="Number">1, 2, … within the year; the highest is in force.</param>
/// <param name="Reason">Why.</param>
/// <param name="RevisedBy">The NDRC supervisor who made it.</param>
/// <param name="RevisedAt">When.</param>
/// <param name="Holidays">How many non-working days the year has after it.</param>
/// <param name="MakeUpWorkdays">How many make-up working days the year has after it.</param>
public sealed record CalendarRevision(int Year, int Number, string Reason, string RevisedBy, DateTimeOffset RevisedAt, int Holidays, int MakeUpWorkdays);

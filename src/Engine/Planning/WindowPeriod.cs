namespace AiPlusTasks.Engine.Planning;

/// <summary>One period of the rolling window and its zone.</summary>
public sealed record WindowPeriod(string Period, WindowZone Zone);

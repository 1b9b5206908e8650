namespace AiPlusTasks.Engine.Runtime;

/// <summary>Wakes the background worker when dispatched work was committed.</summary>
public sealed class WorkSignal : WakeSignal;

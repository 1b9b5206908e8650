namespace AiPlusTasks.Engine.Planning;

/// <summary>Progress of a roll: one step and how many things it touched.</summary>
public sealed record RollStep(string Step, int Count);

namespace AiPlusTasks.Engine.Planning;

/// <summary>The scoring weights in force for a version (default 0.4 / 0.3 / 0.3); they sum to 1.</summary>
public sealed record ScoringWeights(double Potential = 0.4, double Maturity = 0.3, double Leverage = 0.3);

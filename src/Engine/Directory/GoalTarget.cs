namespace AiPlusTasks.Engine.Directory;

/// <summary>The value a goal indicator must reach by a year, e.g. adoption above 70% by 2027.</summary>
/// <param name="Year">The target year.</param>
/// <param name="Op">How the actual value compares with <paramref name="Value"/>: <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c> or <c>=</c>.</param>
/// <param name="Value">The target value, in the indicator's unit.</param>
public sealed record GoalTarget(int Year, string Op, decimal Value)
{
    /// <summary>The comparison operators a target may use.</summary>
    public static IReadOnlyList<string> Operators { get; } = [">", ">=", "<", "<=", "="];

    /// <summary>Whether an actual value meets the target.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Op"/> is not one of <see cref="Operators"/>.</exception>
    public bool IsMetBy(decimal actual) => Op switch
    {
        ">" => actual > Value,
        ">=" => actual >= Value,
        "<" => actual < Value,
        "<=" => actual <= Value,
        "=" => actual == Value,
        _ => throw new InvalidOperationException($"Unknown goal operator '{Op}'."),
    };
}

namespace AiPlusTasks.Engine.Planning;

/// <summary>A plan's colour rules, versioned with its content: blue when due within <see cref="BlueWithin"/> (default 3 days); yellow when returned; red when overdue.</summary>
public sealed record ColourRules
{
    public TimeSpan BlueWithin { get; init; } = TimeSpan.FromDays(3);
}

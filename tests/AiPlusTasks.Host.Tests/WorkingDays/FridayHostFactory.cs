namespace AiPlusTasks.Host.Tests.WorkingDays;

/// <summary>A host whose clock stands at Friday 2026-12-18 09:00 China time, before an ordinary weekend.</summary>
public sealed class FridayHostFactory : HostFactory
{
    /// <summary>Friday 2026-12-18 09:00 China time.</summary>
    public static readonly DateTimeOffset Friday = new(2026, 12, 18, 1, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset StartTime => Friday;
}

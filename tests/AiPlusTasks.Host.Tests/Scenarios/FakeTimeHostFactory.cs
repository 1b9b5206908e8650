namespace AiPlusTasks.Host.Tests.Scenarios;

/// <summary>
/// A host on fake time from <see cref="Epoch"/>: moving <see cref="HostFactory.Time"/> fires due timers (escalation
/// ladders, cron periods); the background worker polls every 50 ms so cascades of child workflows settle quickly.
/// </summary>
public sealed class FakeTimeHostFactory : HostFactory
{
    /// <summary>Where the fake clock starts: Monday 5 January 2026, 00:00 UTC.</summary>
    public static DateTimeOffset Epoch { get; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset StartTime => Epoch;

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Engine:WorkPollInterval"] = "00:00:00.050",
    };
}

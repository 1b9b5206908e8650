using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Retention;

/// <summary>The scheduled run: Quartz fires it on its cron in China time, on the engine's (fake) clock.</summary>
public sealed class RetentionScheduleTests : EngineTest
{
    private readonly string _archive = Path.Combine(Path.GetTempPath(), $"aiplustasks-archive-{Guid.NewGuid():N}");

    internal override Task<EngineHost> StartEngineAsync()
    {
        var settings = RetentionTests.Settings(_archive);
        settings["Retention:Enabled"] = "true";
        settings["Retention:Schedule"] = "0 30 2 * * ?";
        return EngineHost.StartAsync(settings: settings);
    }

    [Fact]
    public async Task RetentionJob_NightlySchedule_RunsAt0230ChinaTimeAndPrunes()
    {
        // Arrange: the clock stands at 2026-01-05 08:00 China time; the next run is 2026-01-06 02:30 China (18:30 UTC).
        var now = Engine.Time.GetUtcNow();
        await using (var db = await DbAsync())
        {
            db.Outbox.Add(RetentionTests.Outbox("old-done", now.AddDays(-10), now.AddDays(-10), now.AddDays(-10)));
            await db.SaveChangesAsync();
        }

        var audit = Engine.Services.GetRequiredService<AuditTrail>();

        // Act: to 02:00 China time, then past 02:30.
        Engine.Time.Advance(TimeSpan.FromHours(18));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = await audit.ListAsync(new AuditQuery(Action: "retention.run"));
        Engine.Time.Advance(TimeSpan.FromHours(1));

        // Assert
        Assert.Empty(before);
        await Eventually.TrueAsync(
            async () => (await audit.ListAsync(new AuditQuery(Action: "retention.run"))).Count == 1,
            () => "the scheduled retention run to be on the audit trail",
            TimeSpan.FromSeconds(15));
        var run = Assert.Single(await audit.ListAsync(new AuditQuery(Action: "retention.run")));
        Assert.Equal(RetentionService.SystemActor, run.Actor);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 18, 30, 0, TimeSpan.Zero), run.At);
        await using var after = await DbAsync();
        Assert.False(await after.Outbox.AnyAsync(o => o.Id == "old-done"));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (System.IO.Directory.Exists(_archive))
        {
            System.IO.Directory.Delete(_archive, recursive: true);
        }
    }

    private async Task<WorkflowDbContext> DbAsync() =>
        await Engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
}

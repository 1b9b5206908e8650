using AiPlusTasks.Engine.Audit;
using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Engine.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AiPlusTasks.Engine.Tests.Retention;

/// <summary>
/// The scheduled run: its Quartz trigger (02:30 China time, counted from the engine's clock) and its job. The engine's
/// Quartz runs on the system clock, so the fire itself is not waited for on the fake clock.
/// </summary>
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
    public async Task RetentionSchedule_Nightly_TriggerFiresAt0230ChinaTimeAndItsJobPrunes()
    {
        // Arrange: the clock stands at 2026-01-05 08:00 China time.
        var now = Engine.Time.GetUtcNow();
        await using (var db = await DbAsync())
        {
            db.Outbox.Add(RetentionTests.Outbox("old-done", now.AddDays(-10), now.AddDays(-10), now.AddDays(-10)));
            await db.SaveChangesAsync();
        }

        var audit = Engine.Services.GetRequiredService<AuditTrail>();
        var scheduler = await Engine.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(RetentionSchedule.Key) ?? throw new InvalidOperationException("no retention trigger scheduled");

        // Act: the job the trigger names, fired through Quartz.
        await scheduler.TriggerJob(trigger.JobKey);

        // Assert: 02:30 China time every night from the engine's now, and the job ran as the system.
        Assert.Equal(
            [new(2026, 1, 5, 18, 30, 0, TimeSpan.Zero), new(2026, 1, 6, 18, 30, 0, TimeSpan.Zero)],
            new[] { trigger.GetFireTimeAfter(now)!.Value, trigger.GetFireTimeAfter(now.AddDays(1))!.Value });
        Assert.Equal(RetentionJob.Key, trigger.JobKey);
        await Eventually.TrueAsync(
            async () => (await audit.ListAsync(new AuditQuery(Action: "retention.run"))).Count == 1,
            () => "the retention job's run to be on the audit trail",
            TimeSpan.FromSeconds(20));
        var run = Assert.Single(await audit.ListAsync(new AuditQuery(Action: "retention.run")));
        Assert.Equal(RetentionService.SystemActor, run.Actor);
        await using var after = await DbAsync();
        Assert.False(await after.Outbox.AnyAsync(o => o.Id == "old-done"));
    }

    [Fact]
    public async Task RetentionSchedule_Disabled_NoTrigger()
    {
        var archive = Path.Combine(Path.GetTempPath(), $"aiplustasks-archive-{Guid.NewGuid():N}");
        var engine = await EngineHost.StartAsync(settings: RetentionTests.Settings(archive));
        var scheduler = await engine.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(RetentionSchedule.Key);
        await engine.DisposeAsync();
        EngineHost.DeleteDatabase(engine.DatabaseFile);

        Assert.Null(trigger);
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

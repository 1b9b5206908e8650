using AiPlusTasks.Engine.Persistence;
using AiPlusTasks.Engine.Retention;
using AiPlusTasks.Engine.Tasks;
using AiPlusTasks.Engine.Tests.Support;
using AiPlusTasks.Engine.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlusTasks.Engine.Tests.Retention;

/// <summary>
/// Retention's set-based batched deletes on PostgreSQL (the server named by <c>AIPLUSTASKS_POSTGRES</c>; without it
/// the test fails, unless <c>AIPLUSTASKS_POSTGRES_TESTS_OPTIONAL=1</c>, when it does nothing).
/// </summary>
public sealed class PostgresRetentionTests
{
    private static readonly Caller NdrcAdmin = new("ndrc.admin", "ndrc", new HashSet<string> { Roles.NdrcAdministrator });

    [Fact]
    public async Task RunAsync_OnPostgres_PrunesOutboxAndDeliveriesInBatches()
    {
        var server = Environment.GetEnvironmentVariable("AIPLUSTASKS_POSTGRES") is { Length: > 0 } s ? s : null;
        if (server is null && Environment.GetEnvironmentVariable("AIPLUSTASKS_POSTGRES_TESTS_OPTIONAL") == "1")
        {
            return;
        }

        Assert.True(server is not null, "this test needs AIPLUSTASKS_POSTGRES (an admin connection string)");
        await using var database = ScratchPostgresDatabase.Create(server!, "aiplus_ret_");
        var archive = Path.Combine(Path.GetTempPath(), $"aiplustasks-archive-{Guid.NewGuid():N}");
        await using var engine = await EngineHost.StartAsync(settings: RetentionTests.Settings(archive), postgres: database.ConnectionString);
        var now = engine.Time.GetUtcNow();
        await using (var db = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < 3; i++)
            {
                db.Outbox.Add(RetentionTests.Outbox($"old-{i}", now.AddDays(-10), now.AddDays(-10), now.AddDays(-10)));
            }

            db.Outbox.Add(RetentionTests.Outbox("old-undispatched", now.AddDays(-10), null, now.AddDays(-10)));
            db.WebhookSubscriptions.Add(RetentionTests.Subscription(now.AddDays(-100)));
            db.WebhookDeliveries.AddRange(
                RetentionTests.Delivery("old-1", WebhookDeliveryState.Delivered, now.AddDays(-40), delivered: now.AddDays(-40)),
                RetentionTests.Delivery("old-2", WebhookDeliveryState.Failed, now.AddDays(-40), lastAttempt: now.AddDays(-39)),
                RetentionTests.Delivery("old-pending", WebhookDeliveryState.Pending, now.AddDays(-40), lastAttempt: now.AddDays(-40)));
            await db.SaveChangesAsync();
        }

        var report = await engine.Services.GetRequiredService<RetentionService>().RunAsync(NdrcAdmin);

        Assert.Equal((3, 2), (report.OutboxEvents, report.WebhookDeliveries));
        await using var after = await engine.Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();
        Assert.Equal(["old-undispatched"], await after.Outbox.Select(o => o.Id).ToListAsync());
        Assert.Equal(["old-pending"], await after.WebhookDeliveries.Select(d => d.EventId).ToListAsync());
    }
}

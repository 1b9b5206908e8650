using AiPlusTasks.Engine.Persistence;

namespace AiPlusTasks.Host.Seeding;

/// <summary>
/// Seeds at start-up — users, then workflows, then plans — holding the cluster's seeding lock, so nodes starting
/// together on one PostgreSQL database seed one after another: the first fills an empty database, the others find
/// everything there.
/// </summary>
internal sealed class StartupSeeding(ClusterLock clusterLock, UserSeeder users, WorkflowSeeder workflows, PlanSeeder plans) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var seeding = await clusterLock.AcquireAsync("seeding", cancellationToken);
        await users.SeedAsync(cancellationToken);
        await workflows.SeedAsync(cancellationToken);
        await plans.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
